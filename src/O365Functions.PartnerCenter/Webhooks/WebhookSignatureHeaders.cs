namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>The headers a Partner Center callback carries its signature in.</summary>
/// <param name="Authorization">The <c>Authorization</c> header (<c>Signature &lt;base64&gt;</c>).</param>
/// <param name="MsSignature">The <c>x-ms-signature</c> header, used instead when the registration asks for it.</param>
/// <param name="CertificateUrl">The <c>x-ms-certificate-url</c> header.</param>
/// <param name="SignatureAlgorithm">The <c>x-ms-signature-algorithm</c> header (<c>rsa-sha256</c>).</param>
public sealed record WebhookSignatureHeaders(string? Authorization, string? MsSignature, string? CertificateUrl, string? SignatureAlgorithm)
{
    /// <summary>The header names, as Partner Center sends them.</summary>
    public const string MsSignatureHeader = "x-ms-signature";

    /// <summary>The certificate URL header name.</summary>
    public const string CertificateUrlHeader = "x-ms-certificate-url";

    /// <summary>The algorithm header name.</summary>
    public const string SignatureAlgorithmHeader = "x-ms-signature-algorithm";
}
