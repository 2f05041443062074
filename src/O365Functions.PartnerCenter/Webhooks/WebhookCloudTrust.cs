using System.Security.Cryptography.X509Certificates;

namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>
/// What proves a callback from one Partner Center (the public cloud's, a national cloud's, a staging stand-in): the
/// origins its signing certificates are downloaded from, the organization they name, the roots they chain to, and how
/// revocation is checked. A callback is held to the trust whose origins hold its certificate URL.
/// </summary>
public sealed class WebhookCloudTrust
{
    /// <summary>The public cloud's: Microsoft's certificate origin, Microsoft Corporation, the machine's roots, online revocation.</summary>
    public static WebhookCloudTrust PublicCloud => new() { CertificateOrigins = [WebhookSignatureOptions.MicrosoftCertificateOrigin] };

    /// <summary>
    /// The origins (scheme, host and port, exactly) its certificates may be downloaded from. HTTPS only, except a
    /// loopback origin (the emulator's), which may be plain HTTP; <see cref="CertificateFetcher"/> refuses anything else.
    /// </summary>
    public IList<Uri> CertificateOrigins { get; set; } = [];

    /// <summary>The organization (<c>O=</c>) the certificate's subject or issuer must name.</summary>
    public string Organization { get; set; } = "Microsoft Corporation";

    /// <summary>A PEM file of the roots to trust instead of the machine's store (a staging stand-in's own CA).</summary>
    public string? TrustAnchorsFile { get; set; }

    /// <summary>The roots to trust instead of the machine's store; read from <see cref="TrustAnchorsFile"/> when set.</summary>
    public X509Certificate2Collection? TrustAnchors { get; set; }

    /// <summary>How the chain's revocation is checked; online by default.</summary>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.Online;
}
