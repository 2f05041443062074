using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using O365Functions.Core.Catalog.Sync;
using O365Functions.Core.Directory;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Webhooks;
using O365Functions.PartnerCenter.Adapters;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Graph;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Instances;

/// <summary>
/// Wires the Microsoft clients (tokens, Partner Center, Graph) the same way on both hosts. A host registers the
/// secret store and, for the emulator, its own endpoint options; <see cref="AddLiveMicrosoftOptions"/> reads Microsoft's.
/// </summary>
public static class MicrosoftServiceCollectionExtensions
{
    /// <summary>The configuration section every Microsoft setting lives in.</summary>
    public const string Section = "Microsoft";

    /// <summary>
    /// Registers Microsoft's real endpoints from the <c>Microsoft</c> section: <c>PartnerTenantId</c> and <c>ClientId</c>
    /// (required), and for a national cloud <c>AuthorityHost</c>, <c>GraphBaseUri</c> and <c>GraphTokenAudience</c>.
    /// </summary>
    public static IServiceCollection AddLiveMicrosoftOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var partnerTenantId = Required(section, "PartnerTenantId");
        services.AddSingleton(new EntraTokenOptions
        {
            AuthorityHost = new Uri(section["AuthorityHost"] ?? EntraTokenOptions.GlobalAuthority.AbsoluteUri),
            PartnerTenantId = partnerTenantId,
            ClientId = Required(section, "ClientId"),
        });
        services.AddSingleton(new PartnerCenterOptions { PartnerTenantId = partnerTenantId });
        var graph = new GraphOptions();
        graph.BaseUri = section["GraphBaseUri"] is { } graphBaseUri ? new Uri(graphBaseUri) : graph.BaseUri;
        graph.TokenAudience = section["GraphTokenAudience"] ?? graph.TokenAudience;
        services.AddSingleton(graph);
        return services;
    }

    /// <summary>
    /// Adds the token source, Partner Center and Graph clients over the registered <see cref="EntraTokenOptions"/>,
    /// <see cref="PartnerCenterOptions"/>, <see cref="GraphOptions"/> and secret store.
    /// </summary>
    public static IServiceCollection AddMicrosoftClients(this IServiceCollection services)
    {
        services.TryAddSingleton<PartnerRateLimiters>();
        services.AddHttpClient(nameof(PartnerCenterTransport), http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(provider => new SecureApplicationTokenSource(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SecureApplicationTokenSource)),
            provider.GetRequiredService<Core.Secrets.ISecretStore>(),
            provider.GetRequiredService<EntraTokenOptions>()));
        services.AddSingleton<IAccessTokenSource>(provider => provider.GetRequiredService<SecureApplicationTokenSource>());
        services.AddSingleton(provider => new PartnerCenterTransport(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PartnerCenterTransport)),
            provider.GetRequiredService<PartnerCenterOptions>(),
            provider.GetRequiredService<IAccessTokenSource>(),
            provider.GetRequiredService<PartnerRateLimiters>()));
        services.AddSingleton<PartnerCenterClient>();
        services.AddSingleton(provider => new GraphClient(provider.GetRequiredService<IAccessTokenSource>(), provider.GetRequiredService<GraphOptions>()));
        return services;
    }

    /// <summary>
    /// Registers each application instance's Microsoft clients (<see cref="InstanceMicrosoftClients"/>, conducted by the
    /// <c>PartnerCenter</c> section and limited by <see cref="MicrosoftEndpointPolicy"/>) and the adapters that give the
    /// gateway's Microsoft ports their Partner Center and Graph implementations.
    /// </summary>
    public static IServiceCollection AddInstanceMicrosoftAdapters(this IServiceCollection services)
    {
        services.AddOptions<MicrosoftEndpointPolicy>().BindConfiguration(MicrosoftEndpointPolicy.Section);
        services.AddOptions<PartnerCenterOptions>().BindConfiguration(PartnerCenterSection);
        services.AddHttpClient(nameof(InstanceMicrosoftClients));
        services.TryAddSingleton<PartnerRateLimiters>();
        services.TryAddSingleton<InstanceMicrosoftClients>();
        services.TryAddSingleton<ITenantCommerce, PartnerCenterTenantCommerce>();
        services.TryAddSingleton<IIndirectResellers, PartnerCenterIndirectResellers>();
        services.TryAddSingleton<ITenantDirectory, GraphTenantDirectory>();
        services.TryAddSingleton<IOfferCatalogSource, PartnerCenterCatalogSource>();
        services.TryAddSingleton<IWebhookRegistrar, PartnerCenterWebhookRegistrar>();
        return services;
    }

    /// <summary>The configuration section of every instance's Partner Center conduct (<see cref="PartnerCenterOptions"/>: budget, retries, time-outs).</summary>
    public const string PartnerCenterSection = "PartnerCenter";

    private static string Required(IConfigurationSection section, string key) =>
        section[key] ?? throw new InvalidOperationException(
            $"Microsoft is live, so {Section}:{key} must be set (app setting {Section}__{key} on Azure).");
}
