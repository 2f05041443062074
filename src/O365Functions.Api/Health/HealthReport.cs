namespace O365Functions.Api.Health;

/// <summary>What <c>GET /health</c> reports.</summary>
/// <param name="Status"><c>healthy</c> when the gateway can serve requests.</param>
/// <param name="Version">The gateway's informational version.</param>
public sealed record HealthReport(string Status, string Version);
