namespace O365Functions.Api.Webhooks;

/// <summary>The body of a Partner Center webhook callback.</summary>
/// <param name="EventName">The event, such as <c>subscription-updated</c>.</param>
/// <param name="ResourceUri">The changed resource's URI, when the event has one.</param>
/// <param name="ResourceName">The resource kind, such as <c>subscription</c>.</param>
/// <param name="AuditUri">The audit record, when Partner Center gives one.</param>
/// <param name="ResourceChangeUtcDate">When the change happened.</param>
public sealed record PartnerCenterWebhookEvent(string EventName, string? ResourceUri, string? ResourceName, string? AuditUri, DateTimeOffset? ResourceChangeUtcDate);
