using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using O365Functions.Core.Catalog.Sync;
using O365Functions.Core.Directory;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Webhooks;
using O365Functions.PartnerCenter.Adapters;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Instances;

/// <summary>
/// Wires the Microsoft side the same way on both hosts: every application instance has its own clients (tokens,
/// Partner Center, Graph) built from its own settings, so the process holds no Microsoft credentials of its own. A host
/// registers the secret store and, for the emulator, the default endpoints of instances that name none.
/// </summary>
public static class MicrosoftServiceCollectionExtensions
{
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
}
