using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace O365Functions.Api.Aps.Authentication;

/// <summary>
/// Decides whether a request comes from an instance's controller, before anything is read from or written to the
/// instance. Certificate mode compares the client certificate's bytes with the controller certificate the instance
/// was installed with; OAuth mode checks the request's signature. A refusal says what the instance accepts; why this
/// request failed goes to the log only.
/// </summary>
public sealed partial class ApsAuthenticator(
    ClientCertificateReader certificates, OAuthRequestVerifier oauth, IOptions<ApsOptions> options, ILogger<ApsAuthenticator> logger)
{
    /// <summary>Null when the request is from <paramref name="instance"/>'s controller; otherwise the 401 or 403 to answer.</summary>
    public async Task<IResult?> AuthenticateAsync(HttpRequest request, ApsInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(instance);
        var instanceId = instance.Record.InstanceId;
        if (Insecure(request))
        {
            return null;
        }

        if (instance.Record.Authentication == ApsAuthenticationModes.OAuth)
        {
            var problem = await oauth.VerifyAsync(request, cancellationToken).ConfigureAwait(false);
            return problem is null ? null : RefuseOAuth(instanceId, problem);
        }

        var presented = await certificates.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (presented is null || instance.ControllerCertificate is null || !CryptographicOperations.FixedTimeEquals(presented, instance.ControllerCertificate))
        {
            return RefuseCertificate(instanceId, presented is null ? "no client certificate was presented" : "the client certificate is not the instance's controller certificate");
        }

        return null;
    }

    /// <summary>
    /// Authenticates the install of a new instance. With <paramref name="controllerPem"/> (the body's
    /// <c>aps.x509.controller</c>) the request must present that certificate, proving the sender holds its key; without
    /// it the request must be OAuth-signed. Returns the instance's mode, or the answer to give.
    /// </summary>
    public async Task<(string? Mode, IResult? Error)> AuthenticateInstallAsync(HttpRequest request, string instanceId, string? controllerPem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var mode = controllerPem is null ? ApsAuthenticationModes.OAuth : ApsAuthenticationModes.Certificate;
        if (Insecure(request))
        {
            return (mode, null);
        }

        if (mode == ApsAuthenticationModes.OAuth)
        {
            if (!settings.OAuth.Enabled)
            {
                return (null, ApsResults.BadRequest("MissingCertificates",
                    "The install request has no aps.x509 certificates and this gateway does not accept OAuth. Install the instance with certificate authentication."));
            }

            var problem = await oauth.VerifyAsync(request, cancellationToken).ConfigureAwait(false);
            return problem is null ? (mode, null) : (null, RefuseOAuth(instanceId, problem));
        }

        if (!settings.Certificate.Enabled)
        {
            return (null, ApsResults.BadRequest("CertificateModeDisabled",
                "This gateway does not accept certificate authentication. Install the instance with OAuth authentication instead."));
        }

        byte[] controller;
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(controllerPem);
            controller = certificate.RawData;
        }
        catch (CryptographicException)
        {
            return (null, ApsResults.BadRequest("InvalidCertificate", "aps.x509.controller is not a PEM certificate. Send the controller's certificate as APSC generated it."));
        }

        var presented = await certificates.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(presented, controller))
        {
            return (null, RefuseCertificate(instanceId, presented is null ? "no client certificate was presented" : "the client certificate is not aps.x509.controller"));
        }

        var thumbprint = Convert.ToHexString(SHA256.HashData(controller));
        if (!settings.Certificate.TrustsSomeController)
        {
            LogRefused(instanceId, $"no controller is trusted yet; controller certificate {thumbprint} presented");
            return (null, ApsResults.Error(StatusCodes.Status403Forbidden, "ControllerNotTrusted",
                "This gateway installs instances only for controllers its provider has named, and names none yet. Add this controller's certificate " +
                $"to Aps:Certificate:AllowedControllerThumbprints (its SHA-256 thumbprint is {thumbprint}), or the PEM of the authority that issues your " +
                "controllers' certificates to Aps:Certificate:ControllerIssuers, then install again."));
        }

        return settings.Certificate.AllowedControllerThumbprints.Contains(thumbprint, StringComparer.OrdinalIgnoreCase) || IssuedByTrustedAuthority(controller, settings.Certificate.ControllerIssuers)
            ? (mode, null)
            : (null, RefuseCertificate(instanceId, $"controller certificate {thumbprint} is neither in Aps:Certificate:AllowedControllerThumbprints nor issued by one of Aps:Certificate:ControllerIssuers"));
    }

    /// <summary>Whether <paramref name="controller"/> chains to one of <paramref name="issuers"/> (PEM), revocation unchecked (a controller CA publishes no CRL).</summary>
    private static bool IssuedByTrustedAuthority(byte[] controller, IList<string> issuers)
    {
        if (issuers.Count == 0)
        {
            return false;
        }

        using var certificate = X509CertificateLoader.LoadCertificate(controller);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var roots = issuers.Select(pem => X509Certificate2.CreateFromPem(pem)).ToList();
        try
        {
            chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
            return chain.Build(certificate);
        }
        finally
        {
            roots.ForEach(root => root.Dispose());
        }
    }

    private bool Insecure(HttpRequest request)
    {
        if (!options.Value.InsecureDevelopment)
        {
            return false;
        }

        LogInsecure(request.Method, request.Path.Value);
        return true;
    }

    private IResult RefuseCertificate(string instanceId, string reason)
    {
        LogRefused(instanceId, reason);
        return ApsResults.Error(StatusCodes.Status403Forbidden, "Forbidden",
            "This application instance accepts only requests that present its controller's certificate as the TLS client certificate.");
    }

    private IResult RefuseOAuth(string instanceId, string reason)
    {
        LogRefused(instanceId, reason);
        return ApsResults.Error(StatusCodes.Status401Unauthorized, "Unauthorized",
            "This application instance accepts only requests signed with the gateway's OAuth consumer key (HMAC-SHA1), with a fresh timestamp and a new nonce.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "APS request for instance {InstanceId} refused: {Reason}.")]
    private partial void LogRefused(string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aps:InsecureDevelopment is on: {Method} {Path} was accepted without authentication. Never run a gateway reachable by others this way.")]
    private partial void LogInsecure(string method, string? path);
}
