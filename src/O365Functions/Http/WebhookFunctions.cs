using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using O365Functions.Api.Webhooks;
using O365Functions.Core.Jobs;
using O365Functions.FunctionApp.Workflows;

namespace O365Functions.FunctionApp.Http;

/// <summary>
/// The Partner Center webhook route, at the same path as on the local gateway. Anonymous at the Functions level:
/// Partner Center sends no function key, and the handler rejects anything whose signature does not verify.
/// </summary>
public sealed class WebhookFunctions(PartnerCenterWebhookHandlers handlers)
{
    /// <summary>POST /webhooks/partner-center.</summary>
    [Function("PartnerCenterWebhook")]
    public Task<IResult> Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/partner-center")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        handlers.ReceiveAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);
}
