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
    /// SHA-256 thumbprints (hex) of the controller certificates that may install instances. With
    /// <see cref="ControllerIssuers"/> empty too, no instance is installed in certificate mode (outside
    /// <see cref="ApsOptions.InsecureDevelopment"/>): a self-signed certificate proves only that its sender made it.
    /// </summary>
    public IList<string> AllowedControllerThumbprints { get; } = [];

    /// <summary>
    /// The certificate authorities (PEM) that issue the provider's controller certificates: a controller whose
    /// certificate chains to one of them may install instances, so a new controller needs no configuration change.
    /// </summary>
    public IList<string> ControllerIssuers { get; } = [];

    /// <summary>Whether the provider has said which controllers to trust.</summary>
    public bool TrustsSomeController => AllowedControllerThumbprints.Count > 0 || ControllerIssuers.Count > 0;
}
