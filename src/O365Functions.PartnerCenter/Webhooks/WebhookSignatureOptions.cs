using System.Security.Cryptography.X509Certificates;

namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>
/// What a Partner Center webhook callback must prove before the gateway acts on it. The defaults trust only
/// Microsoft: the certificate host Microsoft's callbacks name, the machine's root store, and Microsoft Corporation
/// as the certificate's organization.
/// </summary>
public sealed class WebhookSignatureOptions
{
    /// <summary>Hosts the signing certificate may be downloaded from (exact names, case-insensitive).</summary>
    public ISet<string> AllowedCertificateHosts { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "3psostorageacct.blob.core.windows.net",
    };

    /// <summary>Whether the certificate URL must use HTTPS. Only loopback tests turn this off.</summary>
    public bool RequireHttpsCertificateUrl { get; set; } = true;

    /// <summary>The organization (<c>O=</c>) the certificate's subject or issuer must name.</summary>
    public string RequiredOrganization { get; set; } = "Microsoft Corporation";

    /// <summary>Roots to trust instead of the machine's store; tests pass the emulator's root.</summary>
    public X509Certificate2Collection? TrustAnchors { get; set; }

    /// <summary>How the chain's revocation is checked; online by default.</summary>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.Online;

    /// <summary>How long a downloaded certificate is reused.</summary>
    public TimeSpan CertificateCacheDuration { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The largest certificate download accepted, in bytes.</summary>
    public int MaxCertificateBytes { get; set; } = 64 * 1024;
}
