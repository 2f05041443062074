using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using O365Functions.Api.Console;
using O365Functions.Core.Jobs;
using O365Functions.FunctionApp.Workflows;

namespace O365Functions.FunctionApp.Http;

/// <summary>
/// The operations console, at the same paths as on the local gateway. Anonymous at the Functions level: the pages hold
/// no data, and the data routes require the gateway's admin key (App Service authentication may stand in front).
/// </summary>
public sealed class ConsoleFunctions(ConsoleAssets assets, ConsoleHandlers handlers)
{
    /// <summary>GET /console and /console/{file}.</summary>
    [Function("Console")]
    public IResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{file?}")] HttpRequest request, string? file) =>
        assets.Get(file);

    /// <summary>GET /console/api/session.</summary>
    [Function("ConsoleSession")]
    public IResult Session([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/api/session")] HttpRequest request) => handlers.Session();

    /// <summary>GET /console/api/instances.</summary>
    [Function("ConsoleInstances")]
    public Task<IResult> Instances(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/api/instances")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        handlers.InstancesAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);

    /// <summary>POST /console/api/instances/consent.</summary>
    [Function("ConsoleConsentLink")]
    public Task<IResult> ConsentLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/api/instances/consent")] HttpRequest request, FunctionContext context) =>
        handlers.ConsentLinkAsync(request, context.CancellationToken);

    /// <summary>POST /console/api/instances/verify.</summary>
    [Function("ConsoleVerifyConsent")]
    public Task<IResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/api/instances/verify")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        handlers.VerifyAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);

    /// <summary>GET /console/api/operations.</summary>
    [Function("ConsoleOperations")]
    public Task<IResult> Operations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/api/operations")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        handlers.OperationsAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);

    /// <summary>GET /console/api/operations/history.</summary>
    [Function("ConsoleOperationHistory")]
    public Task<IResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/api/operations/history")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        handlers.HistoryAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);

    /// <summary>POST /console/api/operations/retry.</summary>
    [Function("ConsoleRetryOperation")]
    public Task<IResult> Retry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/api/operations/retry")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        handlers.RetryAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);

    /// <summary>GET /console/api/trace.</summary>
    [Function("ConsoleTrace")]
    public Task<IResult> Trace([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/api/trace")] HttpRequest request, FunctionContext context) =>
        handlers.TraceAsync(request, context.CancellationToken);

    /// <summary>GET /console/api/tenants.</summary>
    [Function("ConsoleTenants")]
    public Task<IResult> Tenants([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/api/tenants")] HttpRequest request, FunctionContext context) =>
        handlers.TenantsAsync(request, context.CancellationToken);

    /// <summary>GET /console/api/webhooks.</summary>
    [Function("ConsoleWebhooks")]
    public Task<IResult> Webhooks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/api/webhooks")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        handlers.WebhooksAsync(request, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), context.CancellationToken);
}
