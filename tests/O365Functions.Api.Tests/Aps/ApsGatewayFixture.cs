namespace O365Functions.Api.Tests.Aps;

/// <summary>One HTTPS gateway shared by a test class; every test installs its own instance.</summary>
public sealed class ApsGatewayFixture : IDisposable
{
    public ApsGateway Gateway { get; } = ApsGateway.Start();

    public void Dispose() => Gateway.Dispose();
}
