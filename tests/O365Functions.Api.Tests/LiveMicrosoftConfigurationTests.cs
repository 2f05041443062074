using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Emulators;
using O365Functions.Local.MicrosoftSide;
using O365Functions.PartnerCenter;
using O365Functions.PartnerCenter.Graph;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.Api.Tests;

/// <summary>The Microsoft side of the local gateway: no process-wide Microsoft credentials in either mode.</summary>
public sealed class LiveMicrosoftConfigurationTests
{
    [Fact]
    public void Live_mode_starts_without_any_Microsoft_setting_since_every_instance_brings_its_own()
    {
        using var provider = Build(new() { ["Microsoft:Mode"] = "Live" });

        Assert.Null(provider.GetService<PartnerCenterClient>());
        Assert.Null(provider.GetService<GraphClient>());
        Assert.Null(provider.GetService<MicrosoftEmulator>());
        Assert.Null(provider.GetService<DefaultMicrosoftEndpoints>());
    }

    [Fact]
    public void Emulated_mode_gives_instances_that_name_no_endpoints_the_emulators_and_no_client_of_its_own()
    {
        using var provider = Build(new() { ["Microsoft:EmulatorPort"] = "0" });

        Assert.NotNull(provider.GetService<MicrosoftEmulator>());
        Assert.NotNull(provider.GetService<DefaultMicrosoftEndpoints>());
        Assert.Null(provider.GetService<PartnerCenterClient>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMicrosoftSide(configuration).BuildServiceProvider();
    }
}
