using O365Functions.Core.State;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Authentication;

/// <summary>An installed application instance as the endpoint needs it on every request: its settings and its controller's certificate.</summary>
/// <param name="Record">The stored settings.</param>
/// <param name="ETag">The settings' ETag, for configure.</param>
/// <param name="ControllerCertificate">The DER bytes of <c>aps.x509.controller</c>, in certificate mode.</param>
public sealed record ApsInstance(ApplicationInstanceRecord Record, EntityTag ETag, byte[]? ControllerCertificate);
