namespace O365Functions.Core.State.Records;

/// <summary>A webhook event already received, kept so a redelivered event is handled once.</summary>
public sealed record WebhookEventRecord(string EventId, string EventName, string ResourceUri, DateTimeOffset ReceivedAt);
