namespace O365Functions.Core.Catalog.Sync;

/// <summary>Microsoft's catalog as an instance's credentials read it.</summary>
public interface IOfferCatalogSource
{
    /// <summary>Every legacy offer of a market, in a language; throws when the catalog cannot be read whole.</summary>
    Task<IReadOnlyList<CatalogOffer>> ReadOffersAsync(string instanceId, string country, string language, CancellationToken cancellationToken);

    /// <summary>A new-commerce item's SKU (<c>product:sku:availability</c>) in a market, or null when Microsoft no longer lists it.</summary>
    Task<CatalogOffer?> ReadItemAsync(string instanceId, string catalogItemId, string country, CancellationToken cancellationToken);
}

/// <summary>What Microsoft's catalog says of one offer.</summary>
/// <param name="OfferId">The legacy offer id, or the catalog item id.</param>
/// <param name="Name">Its name in the catalog's language.</param>
/// <param name="MinimumQuantity">The fewest seats one purchase may have.</param>
/// <param name="MaximumQuantity">The most.</param>
public sealed record CatalogOffer(string OfferId, string Name, int MinimumQuantity, int MaximumQuantity);

/// <summary>What one catalog sync of an instance did.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Updated">Types whose quantities or names changed.</param>
/// <param name="Withdrawn">Types newly found gone from Microsoft's catalog (marked, never deleted).</param>
/// <param name="Unchanged">Types that already matched.</param>
/// <param name="Unread">Countries or items that could not be read; while any, nothing is marked withdrawn.</param>
public sealed record CatalogSyncReport(string InstanceId, IReadOnlyList<string> Updated, IReadOnlyList<string> Withdrawn, int Unchanged, IReadOnlyList<string> Unread);
