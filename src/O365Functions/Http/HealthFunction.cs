using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using O365Functions.Api.Health;

namespace O365Functions.FunctionApp.Http;

/// <summary>The liveness probe, at the same path as on the local gateway.</summary>
public sealed class HealthFunction(HealthHandlers handlers)
{
    /// <summary>GET /health.</summary>
    [Function(nameof(HealthFunction))]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        handlers.GetAsync(request?.HttpContext.RequestAborted ?? CancellationToken.None);
}
