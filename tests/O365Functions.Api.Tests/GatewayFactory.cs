namespace O365Functions.Api.Tests;

/// <summary>The local gateway in memory, with its Microsoft emulator on a free port and its secrets in a temporary folder.</summary>
public sealed class GatewayFactory() : LocalGatewayFactory("o365-gateway-");
