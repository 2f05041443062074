using System.Net;
using O365Functions.Core.Catalog.Sync;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.PartnerCenter.Adapters;

/// <summary><see cref="IOfferCatalogSource"/> over each instance's <see cref="PartnerCenterClient"/>: the legacy offers of a market, and new-commerce SKUs.</summary>
public sealed class PartnerCenterCatalogSource(InstanceMicrosoftClients clients) : IOfferCatalogSource
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<CatalogOffer>> ReadOffersAsync(string instanceId, string country, string language, CancellationToken cancellationToken)
    {
        var partnerCenter = (await clients.ForInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)).PartnerCenter;
        var offers = new List<CatalogOffer>();
        await foreach (var offer in partnerCenter.ListOffersAsync(country, cancellationToken).ConfigureAwait(false))
        {
            if (offer.Id is { } id && offer.IsAvailableForPurchase)
            {
                offers.Add(new CatalogOffer(id, offer.Name ?? id, offer.MinimumQuantity, offer.MaximumQuantity));
            }
        }

        return offers;
    }

    /// <inheritdoc />
    public async Task<CatalogOffer?> ReadItemAsync(string instanceId, string catalogItemId, string country, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogItemId);
        var parts = catalogItemId.Split(':');
        if (parts.Length != 3)
        {
            return null;
        }

        var partnerCenter = (await clients.ForInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)).PartnerCenter;
        try
        {
            var sku = (await partnerCenter.ListSkusAsync(parts[0], country, cancellationToken).ConfigureAwait(false)).Items
                .FirstOrDefault(s => string.Equals(s.Id, parts[1], StringComparison.OrdinalIgnoreCase));
            return sku is null ? null : new CatalogOffer(catalogItemId, sku.Title ?? catalogItemId, sku.MinimumQuantity, sku.MaximumQuantity);
        }
        catch (PartnerCenterException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
