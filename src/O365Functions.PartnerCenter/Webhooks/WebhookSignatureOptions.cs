namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>
/// What a Partner Center webhook callback must prove before the gateway acts on it, and how hard the gateway works
/// to check it. The defaults trust only Microsoft's public cloud: the certificate origin Microsoft's callbacks name,
/// the machine's root store, and Microsoft Corporation as the certificate's organization; other clouds are configured
/// in <see cref="Clouds"/> (section <c>Webhooks:Signature</c>, on both hosts).
/// </summary>
public sealed class WebhookSignatureOptions
{
    /// <summary>Microsoft's certificate origin, as its callbacks name it.</summary>
    public static readonly Uri MicrosoftCertificateOrigin = new("https://3psostorageacct.blob.core.windows.net");

    /// <summary>
    /// The Partner Centers whose callbacks are trusted, by name (configuration <c>Webhooks:Signature:Clouds:{name}</c>);
    /// <c>global</c>, the public cloud's, is there unless configured otherwise. A national cloud (21Vianet, US
    /// Government) or a staging stand-in is one more entry with its own certificate origins, organization and roots.
    /// </summary>
    public IDictionary<string, WebhookCloudTrust> Clouds { get; } = new Dictionary<string, WebhookCloudTrust>(StringComparer.OrdinalIgnoreCase)
    {
        ["global"] = WebhookCloudTrust.PublicCloud,
    };

    /// <summary>The trust whose certificate origins hold <paramref name="origin"/>, or null.</summary>
    public WebhookCloudTrust? TrustFor(string origin) =>
        Clouds.Values.FirstOrDefault(cloud => cloud.CertificateOrigins.Any(o => string.Equals(CertificateFetcher.Origin(o), origin, StringComparison.OrdinalIgnoreCase)));

    /// <summary>How long a downloaded certificate is reused.</summary>
    public TimeSpan CertificateCacheDuration { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How many certificates are kept; the least recently used goes first. Microsoft signs with one.</summary>
    public int MaxCachedCertificates { get; set; } = 16;

    /// <summary>The largest certificate download accepted, in bytes; the download stops there.</summary>
    public int MaxCertificateBytes { get; set; } = 64 * 1024;

    /// <summary>How long one certificate download may take, connection included.</summary>
    public TimeSpan CertificateFetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many certificate downloads may start per minute, across all URLs. Callbacks naming an uncached URL beyond
    /// that are refused, so forged callbacks cannot turn the gateway into a download loop.
    /// </summary>
    public int MaxCertificateFetchesPerMinute { get; set; } = 12;

    /// <summary>
    /// How old a callback may be, by its <c>ResourceChangeUtcDate</c>, and still be processed. Partner Center may
    /// deliver <c>subscription-updated</c> up to 48 hours after the change, so the default leaves a day beyond that.
    /// It is also how long received events are remembered to refuse replays.
    /// </summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How far in the future a callback's change date may be (clock skew) before it is refused.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
