using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using O365Functions.Api.Operations;
using O365Functions.Core.Jobs;
using O365Functions.FunctionApp.Workflows;

namespace O365Functions.FunctionApp.Http;

/// <summary>
/// The operator's controls, at the same paths as on the local gateway. Anonymous at the Functions level: the handlers
/// require the gateway's admin key, which works the same on both hosts.
/// </summary>
public sealed class OperationsFunctions(OperationsHandlers handlers)
{
    /// <summary>POST /operations/pause.</summary>
    [Function("PauseProvisioning")]
    public Task<IResult> Pause([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operations/pause")] HttpRequest request, FunctionContext context) =>
        handlers.PauseAsync(request, context.CancellationToken);

    /// <summary>POST /operations/resume.</summary>
    [Function("ResumeProvisioning")]
    public Task<IResult> Resume([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operations/resume")] HttpRequest request, FunctionContext context) =>
        handlers.ResumeAsync(request, context.CancellationToken);

    /// <summary>POST /operations/drain.</summary>
    [Function("Drain")]
    public Task<IResult> Drain(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operations/drain")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        handlers.DrainAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);

    /// <summary>GET /operations.</summary>
    [Function("ListOperations")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operations")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        handlers.ListAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);

    /// <summary>GET /operations/health.</summary>
    [Function("OperationsHealth")]
    public Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operations/health")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        handlers.HealthAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);
}
