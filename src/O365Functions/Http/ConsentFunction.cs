using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using O365Functions.Api.Consent;

namespace O365Functions.FunctionApp.Http;

/// <summary>
/// Where Entra sends the partner admin back after consent, at the same path as on the local gateway. Anonymous: the
/// admin's browser has no key; the single-use state the gateway issued is what the callback checks.
/// </summary>
public sealed class ConsentFunction(ConsentFlow consent)
{
    /// <summary>GET /consent/callback.</summary>
    [Function("ConsentCallback")]
    public Task<IResult> Callback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "consent/callback")] HttpRequest request,
        FunctionContext context) =>
        consent.CallbackAsync(request, context.CancellationToken);
}
