using System.Security.Cryptography.X509Certificates;

namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>
/// What a Partner Center webhook callback must prove before the gateway acts on it, and how hard the gateway works
/// to check it. The defaults trust only Microsoft: the certificate origin Microsoft's callbacks name, the machine's
/// root store, and Microsoft Corporation as the certificate's organization.
/// </summary>
public sealed class WebhookSignatureOptions
{
    /// <summary>Microsoft's certificate origin, as its callbacks name it.</summary>
    public static readonly Uri MicrosoftCertificateOrigin = new("https://3psostorageacct.blob.core.windows.net");

    /// <summary>
    /// The origins (scheme, host and port, exactly) a signing certificate may be downloaded from. HTTPS only, except a
    /// loopback origin (the emulator's), which may be plain HTTP; <see cref="CertificateFetcher"/> refuses anything else.
    /// </summary>
    public ISet<Uri> AllowedCertificateOrigins { get; } = new HashSet<Uri> { MicrosoftCertificateOrigin };

    /// <summary>The organization (<c>O=</c>) the certificate's subject or issuer must name.</summary>
    public string RequiredOrganization { get; set; } = "Microsoft Corporation";

    /// <summary>Roots to trust instead of the machine's store; tests pass the emulator's root.</summary>
    public X509Certificate2Collection? TrustAnchors { get; set; }

    /// <summary>How the chain's revocation is checked; online by default.</summary>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.Online;

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
