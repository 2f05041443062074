using O365Functions.Core.Catalog;

namespace O365Functions.Core.Tests.Catalog;

/// <summary>Builds small catalogs for tests: license types with no parents, add-ons with named parents.</summary>
internal sealed class CatalogBuilder
{
    private readonly List<OfferType> _offers = [];

    public CatalogBuilder License(string id, int min = 1, int max = 10_000, bool assignable = true)
    {
        _offers.Add(new LicenseType
        {
            ProvisioningId = id,
            Name = $"License {id}",
            OfferId = $"offer-{id}",
            AssignableToUsers = assignable,
            Quantity = new QuantityBounds(min, max),
        });
        return this;
    }

    public CatalogBuilder Addon(string id, params string[] parents)
    {
        _offers.Add(new AddonType
        {
            ProvisioningId = id,
            Name = $"Add-on {id}",
            OfferId = $"offer-{id}",
            PossibleParentOffers = parents,
        });
        return this;
    }

    public PurchasePlanResolver Resolver() => new(new OfferCatalog(_offers));

    public static IEnumerable<OfferRequest> Request(params string[] ids) => ids.Select(id => new OfferRequest(id, 1));
}
