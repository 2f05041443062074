namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>
/// The verdict on a webhook callback: valid, or rejected with a <see cref="Reason"/> safe to return to the caller and
/// a <see cref="Detail"/> for the gateway's log only (what a remote server answered, a socket error).
/// </summary>
public sealed record WebhookVerification(bool IsValid, string? Reason, string? Detail = null)
{
    /// <summary>The callback is authentic.</summary>
    public static WebhookVerification Valid { get; } = new(true, null);

    /// <summary>The callback is rejected for <paramref name="reason"/>; <paramref name="detail"/> goes to the log only.</summary>
    public static WebhookVerification Rejected(string reason, string? detail = null) => new(false, reason, detail);
}
