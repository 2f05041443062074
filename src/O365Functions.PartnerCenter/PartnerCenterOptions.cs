namespace O365Functions.PartnerCenter;

/// <summary>Where Partner Center is and how patiently the client talks to it. Defaults follow Microsoft's published limits.</summary>
public sealed class PartnerCenterOptions
{
    /// <summary>The global endpoint; 21Vianet (China) is <c>https://partner.partnercenterapi.microsoftonline.cn</c>; the emulator gives its own.</summary>
    public Uri BaseUri { get; set; } = new("https://api.partnercenter.microsoft.com");

    /// <summary>The partner's Entra tenant id: the key of the client-side rate limit and the authority of its tokens.</summary>
    public string PartnerTenantId { get; set; } = string.Empty;

    /// <summary>
    /// Requests the client allows itself per partner tenant in any <see cref="RateLimitWindow"/>. Microsoft documents
    /// 500 a minute per tenant for customers, orders and subscriptions; lower it when several gateways share a partner.
    /// </summary>
    public int RequestBudget { get; set; } = 500;

    /// <summary>The window <see cref="RequestBudget"/> applies to.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts per logical call, the first included, for failures worth retrying (408, 429, 5xx, timeouts, dropped connections).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first back-off wait; each later one doubles, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off wait, and the longest <c>Retry-After</c> the client waits out before giving up.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may take before it counts as a timeout and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How often a 202-accepted subscription change is polled at its <c>Location</c>.</summary>
    public TimeSpan OperationPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a 202-accepted change is polled before the call gives up with <see cref="PartnerCenterException"/>
    /// (the change may still happen; read the resource before changing it again).
    /// </summary>
    public TimeSpan OperationPollTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The <c>X-Locale</c> header; Partner Center requires it for offers.</summary>
    public string Locale { get; set; } = "en-US";

    /// <summary>
    /// A copy with this conduct (budget, retries, timeouts) for one partner at one endpoint, so each application
    /// instance shares the configured conduct and nothing else; every setting added here is carried over.
    /// </summary>
    public PartnerCenterOptions ForPartner(Uri baseUri, string partnerTenantId, string locale)
    {
        var copy = (PartnerCenterOptions)MemberwiseClone();
        copy.BaseUri = baseUri;
        copy.PartnerTenantId = partnerTenantId;
        copy.Locale = locale;
        return copy;
    }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(PartnerTenantId, nameof(PartnerTenantId));
        ArgumentOutOfRangeException.ThrowIfLessThan(RequestBudget, 1, nameof(RequestBudget));
        ArgumentOutOfRangeException.ThrowIfLessThan(RateLimitWindow, TimeSpan.FromSeconds(1), nameof(RateLimitWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FirstRetryDelay, TimeSpan.Zero, nameof(FirstRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, FirstRetryDelay, nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OperationPollInterval, TimeSpan.Zero, nameof(OperationPollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(OperationPollTimeout, OperationPollInterval, nameof(OperationPollTimeout));
    }
}
