using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using O365Functions.Api.Aps;
using O365Functions.Core.Jobs;
using O365Functions.FunctionApp.Workflows;

namespace O365Functions.FunctionApp.Http;

/// <summary>
/// The APS endpoint, at the same paths as on the local gateway. Anonymous at the Functions level: the controller
/// sends no function key, and the endpoint authenticates every request by the instance's certificate or OAuth.
/// </summary>
public sealed class ApsFunction(ApsEndpoint endpoint)
{
    /// <summary>GET, POST, PUT and DELETE under /aps/.</summary>
    [Function("Aps")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", Route = "aps/{*path}")] HttpRequest request,
        string? path,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        endpoint.HandleAsync(request, path, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);
}
