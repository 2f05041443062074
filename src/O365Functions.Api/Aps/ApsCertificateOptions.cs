namespace O365Functions.Api.Aps;

/// <summary>Certificate authentication: the controller presents the certificate it gave the instance at install.</summary>
public sealed class ApsCertificateOptions
{
    /// <summary>Whether instances may be installed in certificate mode.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where the client certificate is read: <see langword="false"/> from the TLS connection (the local gateway asks
    /// for one), <see langword="true"/> from App Service's <c>X-ARR-ClientCert</c> header (Azure, where App Service
    /// terminates TLS and the header cannot be set by a client).
    /// </summary>
    public bool FromForwardedHeader { get; set; }

    /// <summary>
    /// SHA-256 thumbprints (hex) of the controller certificates that may install instances; empty allows any
    /// controller that proves it holds the certificate it names.
    /// </summary>
    public IList<string> AllowedControllerThumbprints { get; } = [];
}
