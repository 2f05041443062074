using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using O365Functions.Api.Catalog;
using O365Functions.Api.Health;
using O365Functions.Core.Catalog;

namespace O365Functions.Api;

/// <summary>Registers what the gateway's handlers need; both hosts call it, so they are wired alike.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the handlers and their dependencies. An <see cref="OfferCatalog"/> registered before this call is kept;
    /// otherwise the gateway starts with <see cref="StarterCatalog"/>.
    /// </summary>
    public static IServiceCollection AddGatewayApi(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => StarterCatalog.Create());
        services.TryAddSingleton<PurchasePlanResolver>();
        services.TryAddSingleton<CatalogHandlers>();
        services.TryAddSingleton<HealthHandlers>();
        return services;
    }
}
