using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using O365Functions.Api.Aps;
using O365Functions.PartnerCenter.Webhooks;

namespace O365Functions.Api.Webhooks;

/// <summary>
/// Receives Partner Center webhook callbacks. Nothing in a callback is read before its signature is verified over
/// the raw bytes; an unverified callback is answered 401 with the reason, so a misconfigured allow list or trust
/// anchor shows up in Partner Center's validation results rather than as silence.
/// </summary>
public sealed partial class PartnerCenterWebhookHandlers(WebhookSignatureVerifier verifier, ILogger<PartnerCenterWebhookHandlers> logger)
{
    private const int MaxBodyBytes = 256 * 1024;

    /// <summary>POST /webhooks/partner-center.</summary>
    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBodyBytes)
        {
            return ApsResults.Error(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"A webhook body may be at most {MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length > MaxBodyBytes)
        {
            return ApsResults.Error(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"A webhook body may be at most {MaxBodyBytes} bytes.");
        }

        var headers = new WebhookSignatureHeaders(
            request.Headers.Authorization.FirstOrDefault(),
            request.Headers[WebhookSignatureHeaders.MsSignatureHeader].FirstOrDefault(),
            request.Headers[WebhookSignatureHeaders.CertificateUrlHeader].FirstOrDefault(),
            request.Headers[WebhookSignatureHeaders.SignatureAlgorithmHeader].FirstOrDefault());
        var verdict = await verifier.VerifyAsync(headers, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        if (!verdict.IsValid)
        {
            LogRejected(verdict.Reason!);
            return ApsResults.Error(StatusCodes.Status401Unauthorized, "InvalidSignature", verdict.Reason!);
        }

        PartnerCenterWebhookEvent? received;
        try
        {
            received = JsonSerializer.Deserialize<PartnerCenterWebhookEvent>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), GatewayJson.Options);
        }
        catch (JsonException)
        {
            received = null;
        }

        if (received is null || string.IsNullOrEmpty(received.EventName))
        {
            return ApsResults.BadRequest("InvalidJson", "The callback is signed but is not a Partner Center event (EventName is missing).");
        }

        LogAccepted(received.EventName, received.ResourceUri);
        return Results.Accepted(value: new { received.EventName });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Partner Center webhook callback: {Reason}")]
    private partial void LogRejected(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted Partner Center event {EventName} for {ResourceUri}.")]
    private partial void LogAccepted(string eventName, string? resourceUri);
}
