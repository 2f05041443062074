namespace O365Functions.Core.Catalog;

/// <summary>
/// Checks one offer definition against the rest of an instance's catalog before it is stored: its provisioning id is
/// not already used, every parent it names exists, and following parents from it never comes back to it. Upgrades may
/// name types not created yet, since a provider creates types one at a time and E1 naturally comes before the E3 it
/// upgrades to; an upgrade is only ever made to a type a tenant's limits ask for, so a name that is still missing is
/// simply never taken.
/// </summary>
public static class OfferDefinitionRules
{
    /// <summary>Every problem of <paramref name="candidate"/> among <paramref name="others"/> (the catalog without it).</summary>
    public static IReadOnlyList<CatalogError> Check(IReadOnlyList<OfferType> others, OfferType candidate)
    {
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(candidate);
        var errors = new List<CatalogError>();
        var id = candidate.ProvisioningId;
        if (others.Any(o => string.Equals(o.ProvisioningId, id, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new CatalogError(CatalogErrorCode.DuplicateDefinition, id,
                $"Another license or add-on type of this instance already uses provisioning id '{id}'. Choose an id no other type uses."));
        }

        var catalog = new OfferCatalog([.. others, candidate]);
        var unknown = candidate is AddonType addon ? addon.PossibleParentOffers.Where(n => !catalog.TryGet(n, out _)).ToList() : [];
        if (unknown.Count > 0)
        {
            errors.Add(new CatalogError(CatalogErrorCode.UnknownOffer, id,
                $"'{id}' names parent offers that are not types of this instance: {string.Join(", ", unknown)}. Create those types first, or remove them.")
            {
                Offers = unknown,
            });
        }

        if (candidate is AddonType start && LoopThrough(catalog, start) is { } loop)
        {
            errors.Add(new CatalogError(CatalogErrorCode.ParentCycle, id,
                $"Following parent offers from '{id}' comes back to it ({string.Join(" -> ", loop)}). An add-on's parents must lead to a license type.")
            {
                Offers = loop,
            });
        }

        return errors;
    }

    /// <summary>A path of parents from <paramref name="start"/> back to it, or null.</summary>
    private static List<string>? LoopThrough(OfferCatalog catalog, AddonType start)
    {
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return Walk(start.ProvisioningId, [start.ProvisioningId]);

        List<string>? Walk(string current, List<string> path)
        {
            if (!catalog.TryGet(current, out var offer) || offer is not AddonType addon)
            {
                return null;
            }

            foreach (var parent in addon.PossibleParentOffers)
            {
                if (string.Equals(parent, start.ProvisioningId, StringComparison.OrdinalIgnoreCase))
                {
                    return [.. path, parent];
                }

                if (visited.Add(parent) && Walk(parent, [.. path, parent]) is { } loop)
                {
                    return loop;
                }
            }

            return null;
        }
    }
}
