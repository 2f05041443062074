using O365Functions.Api.Tests.Aps;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>One HTTPS gateway for a test class, waiting for Microsoft and customers in tenths of a second instead of minutes.</summary>
public sealed class ProvisioningGatewayFixture : IDisposable
{
    public ApsGateway Gateway { get; } = ApsGateway.Start(
        ("Provisioning:ActivationPollInterval", "00:00:00.100"),
        ("Provisioning:RelationshipPollInterval", "00:00:00.200"),
        ("Provisioning:RelationshipTimeout", "00:00:20"));

    public void Dispose() => Gateway.Dispose();
}
