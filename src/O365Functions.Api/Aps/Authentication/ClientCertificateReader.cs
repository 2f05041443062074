using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace O365Functions.Api.Aps.Authentication;

/// <summary>
/// The DER bytes of the client certificate a request came with: from the TLS connection (the local gateway asks for
/// one), or from App Service's <c>X-ARR-ClientCert</c> header when <see cref="ApsCertificateOptions.FromForwardedHeader"/>
/// is set (App Service terminates TLS, sets the header itself and drops any a client sends).
/// </summary>
public sealed class ClientCertificateReader(IOptions<ApsOptions> options)
{
    /// <summary>The certificate's DER bytes, or null when the request has none (or the header is not base64).</summary>
    public async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.Value.Certificate.FromForwardedHeader)
        {
            var header = request.Headers[ApsHeaders.ForwardedClientCertificate].ToString();
            var buffer = new byte[header.Length];
            return header.Length > 0 && Convert.TryFromBase64String(header, buffer, out var written) ? buffer[..written] : null;
        }

        var certificate = request.HttpContext.Connection.ClientCertificate
            ?? await request.HttpContext.Connection.GetClientCertificateAsync(cancellationToken).ConfigureAwait(false);
        return certificate?.RawData;
    }
}
