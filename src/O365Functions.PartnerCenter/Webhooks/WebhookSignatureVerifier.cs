using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>
/// Verifies a Partner Center webhook callback as Microsoft describes, hardened: the signature headers must be
/// present; the certificate is fetched only from an allowed host (and cached); its chain must build to a trusted
/// root and name the required organization; and the RSA-SHA256 (PKCS#1 v1.5) signature must match the raw body
/// bytes exactly as received. Any failure is a rejection with a reason; nothing is retried or guessed.
/// </summary>
public sealed class WebhookSignatureVerifier(HttpClient http, WebhookSignatureOptions options, TimeProvider? time = null)
{
    private const string SignatureScheme = "Signature ";
    private const string OrganizationOid = "2.5.4.10";
    private readonly ConcurrentDictionary<string, (X509Certificate2 Certificate, DateTimeOffset FetchedAt)> _certificates = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

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
            return WebhookVerification.Rejected($"The signature algorithm '{headers.SignatureAlgorithm}' is not rsa-sha256.");
        }

        if (!Uri.TryCreate(headers.CertificateUrl, UriKind.Absolute, out var certificateUrl))
        {
            return WebhookVerification.Rejected("The callback has no absolute x-ms-certificate-url.");
        }

        if (!options.AllowedCertificateHosts.Contains(certificateUrl.Host)
            || (options.RequireHttpsCertificateUrl && certificateUrl.Scheme != Uri.UriSchemeHttps))
        {
            return WebhookVerification.Rejected($"The certificate host '{certificateUrl.Host}' is not on the allow list (or the URL is not HTTPS).");
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
            certificate = await CertificateAsync(certificateUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or CryptographicException or InvalidOperationException)
        {
            return WebhookVerification.Rejected($"The signing certificate could not be fetched or read: {exception.Message}");
        }

        if (TrustProblem(certificate) is { } problem)
        {
            return WebhookVerification.Rejected(problem);
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null || !rsa.VerifyData(body.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return WebhookVerification.Rejected("The signature does not match the body.");
        }

        return WebhookVerification.Valid;
    }

    private async Task<X509Certificate2> CertificateAsync(Uri url, CancellationToken cancellationToken)
    {
        var key = url.AbsoluteUri;
        if (_certificates.TryGetValue(key, out var cached) && _time.GetUtcNow() - cached.FetchedAt < options.CertificateCacheDuration)
        {
            return cached.Certificate;
        }

        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > options.MaxCertificateBytes)
        {
            throw new InvalidOperationException($"The certificate download is larger than {options.MaxCertificateBytes} bytes.");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length > options.MaxCertificateBytes)
        {
            throw new InvalidOperationException($"The certificate download is larger than {options.MaxCertificateBytes} bytes.");
        }

        var certificate = X509CertificateLoader.LoadCertificate(bytes);
        _certificates[key] = (certificate, _time.GetUtcNow());
        return certificate;
    }

    private string? TrustProblem(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = options.RevocationMode;
        if (options.TrustAnchors is { Count: > 0 } anchors)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        }

        if (!chain.Build(certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status));
            return $"The signing certificate does not chain to a trusted root ({status}).";
        }

        return NamesOrganization(certificate.SubjectName) || NamesOrganization(certificate.IssuerName)
            ? null
            : $"The signing certificate does not belong to {options.RequiredOrganization}.";
    }

    /// <summary>Compares the <c>O=</c> attribute exactly, so "Microsoft Corporation Ltd" is not taken for Microsoft.</summary>
    private bool NamesOrganization(X500DistinguishedName name) =>
        name.EnumerateRelativeDistinguishedNames().Any(part =>
            part.GetSingleElementType().Value == OrganizationOid && string.Equals(part.GetSingleElementValue(), options.RequiredOrganization, StringComparison.Ordinal));
}
