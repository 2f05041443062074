using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Local.MicrosoftSide;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Graph;

namespace O365Functions.Api.Tests;

public sealed class LiveMicrosoftConfigurationTests
{
    [Fact]
    public void A_national_cloud_is_chosen_by_configuration()
    {
        using var provider = Build(new()
        {
            ["Microsoft:Mode"] = "Live",
            ["Microsoft:PartnerTenantId"] = "11111111-1111-1111-1111-111111111111",
            ["Microsoft:ClientId"] = "22222222-2222-2222-2222-222222222222",
            ["Microsoft:AuthorityHost"] = EntraTokenOptions.ChinaAuthority.AbsoluteUri,
            ["Microsoft:GraphBaseUri"] = "https://microsoftgraph.chinacloudapi.cn/v1.0/",
            ["Microsoft:GraphTokenAudience"] = "https://microsoftgraph.chinacloudapi.cn",
        });

        var graph = provider.GetRequiredService<GraphOptions>();
        var entra = provider.GetRequiredService<EntraTokenOptions>();

        Assert.Equal(new Uri("https://microsoftgraph.chinacloudapi.cn/v1.0/"), graph.BaseUri);
        Assert.Equal("https://microsoftgraph.chinacloudapi.cn", graph.TokenAudience);
        Assert.Equal(EntraTokenOptions.ChinaAuthority, entra.AuthorityHost);
    }

    [Fact]
    public void Live_mode_defaults_to_the_global_cloud_and_says_which_setting_is_missing()
    {
        using var global = Build(new()
        {
            ["Microsoft:Mode"] = "Live",
            ["Microsoft:PartnerTenantId"] = "11111111-1111-1111-1111-111111111111",
            ["Microsoft:ClientId"] = "22222222-2222-2222-2222-222222222222",
        });

        var missing = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Microsoft:Mode"] = "Live" }));

        Assert.Equal(new Uri("https://graph.microsoft.com/v1.0/"), global.GetRequiredService<GraphOptions>().BaseUri);
        Assert.Equal(TokenAudiences.Graph, global.GetRequiredService<GraphOptions>().TokenAudience);
        Assert.Contains("Microsoft:PartnerTenantId must be set", missing.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMicrosoftSide(configuration).BuildServiceProvider();
    }
}
