namespace O365Functions.Api.Webhooks;

/// <summary>The answer to an accepted webhook callback.</summary>
/// <param name="EventName">The event received.</param>
/// <param name="EventId">The gateway's id of the event (a digest of the signed body).</param>
/// <param name="Duplicate">Whether the event was received before and was therefore not processed again.</param>
public sealed record WebhookAcknowledgement(string EventName, string EventId, bool Duplicate);
