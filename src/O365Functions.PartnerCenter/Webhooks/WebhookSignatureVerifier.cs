using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>
/// Verifies a Partner Center webhook callback as Microsoft describes, hardened: the signature headers must be
/// present; the certificate comes from <see cref="CertificateFetcher"/> (allowed origins only, bounded in size, time
/// and rate, cached); its chain must build to a trusted root and name the required organization; and the RSA-SHA256
/// (PKCS#1 v1.5) signature must match the raw body bytes exactly as received. Any failure is a rejection with a
/// reason; nothing is retried or guessed.
/// </summary>
public sealed class WebhookSignatureVerifier(CertificateFetcher certificates, WebhookSignatureOptions options)
{
    private const string SignatureScheme = "Signature ";
    private const string OrganizationOid = "2.5.4.10";

    /// <summary>Checks <paramref name="body"/> against the signature in <paramref name="headers"/>.</summary>
    public async Task<WebhookVerification> VerifyAsync(WebhookSignatureHeaders headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var signatureHeader = headers.MsSignature ?? headers.Authorization;
        if (signatureHeader is null || !signatureHeader.StartsWith(SignatureScheme, StringComparison.OrdinalIgnoreCase))
        {
            return WebhookVerification.Rejected("The callback has no 'Signature' in Authorization or x-ms-signature.");
        }

        if (!string.Equals(headers.SignatureAlgorithm, "rsa-sha256", StringComparison.OrdinalIgnoreCase))
        {
            return WebhookVerification.Rejected("The signature algorithm (x-ms-signature-algorithm) is not rsa-sha256.");
        }

        // On Unix a bare path such as "/cert.cer" parses as an absolute file URI, so the scheme is checked too.
        if (!Uri.TryCreate(headers.CertificateUrl, UriKind.Absolute, out var certificateUrl) || (certificateUrl.Scheme != Uri.UriSchemeHttps && certificateUrl.Scheme != Uri.UriSchemeHttp))
        {
            return WebhookVerification.Rejected("The callback has no absolute x-ms-certificate-url (an https:// address).");
        }

        if (certificates.UrlProblem(certificateUrl) is { } urlProblem)
        {
            return WebhookVerification.Rejected(urlProblem, $"Refused certificate URL {certificateUrl.GetLeftPart(UriPartial.Authority)}.");
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureHeader[SignatureScheme.Length..].Trim());
        }
        catch (FormatException)
        {
            return WebhookVerification.Rejected("The signature is not valid base64.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = await certificates.GetAsync(certificateUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (CertificateFetchException exception)
        {
            return WebhookVerification.Rejected(exception.Message, exception.Detail);
        }

        if (options.TrustFor(CertificateFetcher.Origin(certificateUrl)) is not { } trust)
        {
            return WebhookVerification.Rejected("The certificate URL's origin belongs to no trusted cloud.");
        }

        if (TrustProblem(certificate, trust) is { } problem)
        {
            return WebhookVerification.Rejected(problem);
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null || !rsa.VerifyData(body.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return WebhookVerification.Rejected("The signature does not match the body.");
        }

        certificates.MarkGenuine(certificateUrl);
        return WebhookVerification.Valid;
    }
    private static string? TrustProblem(X509Certificate2 certificate, WebhookCloudTrust trust)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = trust.RevocationMode;
        if (trust.TrustAnchors is { Count: > 0 } anchors)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        }

        if (!chain.Build(certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status));
            return $"The signing certificate does not chain to a trusted root ({status}).";
        }

        return NamesOrganization(certificate.SubjectName, trust.Organization) || NamesOrganization(certificate.IssuerName, trust.Organization)
            ? null
            : $"The signing certificate does not belong to {trust.Organization}.";
    }

    /// <summary>Compares the <c>O=</c> attribute exactly, so "Microsoft Corporation Ltd" is not taken for Microsoft.</summary>
    private static bool NamesOrganization(X500DistinguishedName name, string organization) =>
        name.EnumerateRelativeDistinguishedNames().Any(part =>
            part.GetSingleElementType().Value == OrganizationOid && string.Equals(part.GetSingleElementValue(), organization, StringComparison.Ordinal));
}
