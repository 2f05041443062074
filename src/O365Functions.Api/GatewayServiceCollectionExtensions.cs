using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using O365Functions.Api.Catalog;
using O365Functions.Api.Health;
using O365Functions.Api.Http;
using O365Functions.Core.Catalog;

namespace O365Functions.Api;

/// <summary>Registers what the gateway's handlers need; both hosts call it, so they are wired alike.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the handlers and their dependencies. An <see cref="OfferCatalog"/> or <see cref="GatewayLimits"/>
    /// registered before this call is kept; otherwise the gateway starts with <see cref="StarterCatalog"/> and the
    /// default limits.
    /// </summary>
    public static IServiceCollection AddGatewayApi(this IServiceCollection services)
    {
        services.TryAddSingleton(new GatewayLimits());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClientErrorLog>();
        services.TryAddSingleton<RequestReader>();
        services.TryAddSingleton(_ => StarterCatalog.Create());
        services.TryAddSingleton<PurchasePlanResolver>();
        services.TryAddSingleton<CatalogHandlers>();
        services.TryAddSingleton<HealthHandlers>();
        return services;
    }
}
