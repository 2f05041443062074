namespace O365Functions.Api.Health;

/// <summary>What <c>GET /health</c> reports.</summary>
/// <param name="Status"><c>healthy</c> when the gateway can serve requests.</param>
/// <param name="Version">The gateway's informational version.</param>
/// <param name="Provisioning"><c>running</c>, or <c>paused</c> while the operator holds new work back.</param>
public sealed record HealthReport(string Status, string Version, string Provisioning = "running");
