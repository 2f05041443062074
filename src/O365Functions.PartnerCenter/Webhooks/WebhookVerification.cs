namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>The verdict on a webhook callback: valid, or the reason it was rejected (safe to return to the caller).</summary>
public sealed record WebhookVerification(bool IsValid, string? Reason)
{
    /// <summary>The callback is authentic.</summary>
    public static WebhookVerification Valid { get; } = new(true, null);

    /// <summary>The callback is rejected for <paramref name="reason"/>.</summary>
    public static WebhookVerification Rejected(string reason) => new(false, reason);
}
