namespace O365Functions.PartnerCenter.Models;

/// <summary>The receipt of a validation event request.</summary>
public sealed record WebhookValidation(string? CorrelationId);
