using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using O365Functions.Api.Aps;
using O365Functions.Api.Http;
using O365Functions.Core.State.Records;
using O365Functions.Core.Webhooks;
using O365Functions.Core.Workflows;
using O365Functions.PartnerCenter.Webhooks;

namespace O365Functions.Api.Webhooks;

/// <summary>
/// Receives Partner Center webhook callbacks. Nothing in a callback is read before its signature is verified over
/// the raw bytes; an unverified callback is answered 401 with a reason that discloses nothing about the gateway's
/// network (the detail goes to the log), so a misconfigured allow list or trust anchor still shows up in Partner
/// Center's validation results. A verified callback must be recent, and is processed once: a redelivery or replay of
/// the same body is acknowledged (200) without being processed again.
/// </summary>
public sealed partial class PartnerCenterWebhookHandlers(
    WebhookSignatureVerifier verifier,
    WebhookSignatureOptions options,
    WebhookEventLedger ledger,
    RequestReader reader,
    GatewayLimits limits,
    ClientErrorLog clientErrors,
    WebhookRefusals refusals,
    PartnerCenterEventDispatch dispatch,
    ILogger<PartnerCenterWebhookHandlers> logger,
    TimeProvider? time = null)
{
    /// <summary>Where Partner Center's callbacks arrive, on both hosts; the callback URL registered with it ends so.</summary>
    public const string Route = "/webhooks/partner-center";
    private const int TrackedReplays = 1_000;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _replays = new(StringComparer.Ordinal);

    /// <summary>POST /webhooks/partner-center: verified, recorded, handed to <paramref name="workflows"/>, acknowledged.</summary>
    public async Task<IResult> ReceiveAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflows);
        var body = await reader.ReadBytesAsync(request, limits.WebhookBodyBytes, cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Error!;
        }

        var headers = new WebhookSignatureHeaders(
            request.Headers.Authorization.FirstOrDefault(),
            request.Headers[WebhookSignatureHeaders.MsSignatureHeader].FirstOrDefault(),
            request.Headers[WebhookSignatureHeaders.CertificateUrlHeader].FirstOrDefault(),
            request.Headers[WebhookSignatureHeaders.SignatureAlgorithmHeader].FirstOrDefault());
        var verdict = await verifier.VerifyAsync(headers, body.Value, cancellationToken).ConfigureAwait(false);
        if (!verdict.IsValid)
        {
            // Anyone can send a forged callback; the rejection is logged at a bounded rate.
            clientErrors.Record(StatusCodes.Status401Unauthorized, "InvalidSignature", Route, verdict.Detail ?? verdict.Reason);
            refusals.Record("InvalidSignature", verdict.Reason!);
            return ApsResults.Error(StatusCodes.Status401Unauthorized, "InvalidSignature", verdict.Reason!);
        }

        if (Parse(body.Value.Span) is not { } received)
        {
            refusals.Record("InvalidJson", "Signed, but not a Partner Center event (EventName or ResourceChangeUtcDate is missing).");
            return ApsResults.BadRequest("InvalidJson", "The callback is signed but is not a Partner Center event (EventName or ResourceChangeUtcDate is missing).");
        }

        var now = _time.GetUtcNow();
        var changedAt = received.ResourceChangeUtcDate!.Value;
        if (now - changedAt > options.MaxEventAge || changedAt - now > options.MaxClockSkew)
        {
            clientErrors.Record(StatusCodes.Status400BadRequest, "StaleCallback", Route, $"A verified {received.EventName} event reports a change at {changedAt:O}.");
            refusals.Record("StaleCallback", $"A verified {received.EventName} event reports a change at {changedAt:O}, outside the accepted window.");
            return ApsResults.BadRequest("StaleCallback",
                $"The callback reports a change at {changedAt:O}, outside the {options.MaxEventAge.TotalHours:0} hours the gateway accepts; it was not processed.");
        }

        var eventId = Convert.ToHexStringLower(SHA256.HashData(body.Value.Span));
        var record = new WebhookEventRecord(eventId, received.EventName, received.ResourceUri ?? string.Empty, now);
        var first = await ledger.TryRecordAsync(record, changedAt, cancellationToken).ConfigureAwait(false);

        // Dispatched on a redelivery too: a first delivery whose dispatch failed is answered 500, and Partner Center's
        // next delivery must still get the event processed; dispatching is idempotent, so nothing runs twice.
        await dispatch.DispatchAsync(received, eventId, workflows, cancellationToken).ConfigureAwait(false);
        if (!first)
        {
            LogReplay(received.EventName, eventId);
            return Results.Json(new WebhookAcknowledgement(received.EventName, eventId, Duplicate: true), GatewayJson.Options);
        }

        LogAccepted(received.EventName, received.ResourceUri, eventId);
        return Results.Json(new WebhookAcknowledgement(received.EventName, eventId, Duplicate: false), GatewayJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// Logs the first repeat of an event, then only when its count reaches 10, 100, 1,000...: a replayed callback
    /// costs no log line each time. Counts are kept for the last <see cref="TrackedReplays"/> events repeated.
    /// </summary>
    private void LogReplay(string eventName, string eventId)
    {
        if (_replays.Count >= TrackedReplays && !_replays.ContainsKey(eventId))
        {
            _replays.Clear();
        }

        var repeats = _replays.AddOrUpdate(eventId, 1, (_, count) => count + 1);
        if (repeats == 1)
        {
            LogDuplicate(eventName, eventId);
        }
        else if (IsPowerOfTen(repeats))
        {
            LogRepeated(eventName, eventId, repeats);
        }
    }

    private static bool IsPowerOfTen(int value)
    {
        while (value >= 10 && value % 10 == 0)
        {
            value /= 10;
        }

        return value == 1;
    }

    private static PartnerCenterWebhookEvent? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var received = JsonSerializer.Deserialize<PartnerCenterWebhookEvent>(body, GatewayJson.Options);
            return received is { EventName.Length: > 0, ResourceChangeUtcDate: not null } ? received : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledged Partner Center event {EventName} ({EventId}) again without processing it: it was received before.")]
    private partial void LogDuplicate(string eventName, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner Center event {EventName} ({EventId}) has now been received again {Repeats} times; repeats are logged at 10, 100, 1000...")]
    private partial void LogRepeated(string eventName, string eventId, int repeats);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted Partner Center event {EventName} ({EventId}) for {ResourceUri}.")]
    private partial void LogAccepted(string eventName, string? resourceUri, string eventId);
}
