namespace O365Functions.Core.Catalog;

/// <summary>
/// Turns a tenant's requested offers into an ordered <see cref="PurchasePlan"/>, or into every reason it cannot be bought.
/// </summary>
/// <remarks>
/// <para>
/// Microsoft sells an add-on only to a tenant that holds every ancestor offer, from its parent up to a top-level
/// offer. The resolver checks that the request itself carries such a chain for every add-on, and orders the plan so
/// that each parent is bought before the add-ons attached to it.
/// </para>
/// <para>
/// Binding rule: an add-on is bound to the first entry of its <see cref="AddonType.PossibleParentOffers"/> that is in
/// the request and whose own chain is complete. The provider's order of possible parents therefore decides which
/// subscription an add-on attaches to when several would do; the result never depends on hashing or timing.
/// </para>
/// <para>
/// A loop in parent definitions reachable from a requested add-on is rejected even when another parent could
/// satisfy it: such a catalog is misconfigured, and the provider should fix the definition rather than have the
/// binding depend on which offers happen to be ordered together.
/// </para>
/// </remarks>
public sealed class PurchasePlanResolver
{
    private readonly OfferCatalog _catalog;

    /// <summary>Creates a resolver over <paramref name="catalog"/>.</summary>
    public PurchasePlanResolver(OfferCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>Resolves the requested offers into a plan, or collects every problem with the request.</summary>
    public PurchasePlanResult Resolve(IEnumerable<OfferRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var errors = new List<CatalogError>();
        var requested = FindRequestedOffers(requests, errors);

        var bindings = new Dictionary<string, Binding>(StringComparer.OrdinalIgnoreCase);
        foreach (var (offer, _, _) in requested.Values.OrderBy(r => r.Index))
        {
            if (offer is not AddonType addon)
            {
                continue;
            }

            if (FindParentCycle(addon) is { } cycle)
            {
                errors.Add(new CatalogError(
                    CatalogErrorCode.ParentCycle,
                    addon.ProvisioningId,
                    $"Add-on type '{addon.ProvisioningId}' has no top-level ancestor: its possible parent offers loop " +
                    $"({string.Join(" -> ", cycle)}). Remove one of these from a 'possibleParentOffers' list.")
                {
                    Offers = cycle,
                });
                continue;
            }

            var binding = Bind(addon, requested, bindings);
            if (!binding.IsSatisfied)
            {
                errors.Add(MissingAncestorError(addon, binding));
            }
        }

        if (errors.Count > 0)
        {
            return PurchasePlanResult.Failure(errors);
        }

        var purchases = requested.Values
            .Select(r => bindings.TryGetValue(r.Offer.ProvisioningId, out var binding)
                ? (Purchase: new PlannedPurchase(r.Offer, r.Quantity, binding.ParentProvisioningId, binding.Depth), r.Index)
                : (Purchase: new PlannedPurchase(r.Offer, r.Quantity, null, 0), r.Index))
            .OrderBy(p => p.Purchase.Depth)
            .ThenBy(p => p.Index)
            .Select(p => p.Purchase)
            .ToList();
        return PurchasePlanResult.Success(new PurchasePlan(purchases));
    }

    /// <summary>
    /// Checks the licenses requested for one user: each must be a known type that can be assigned to users, named once.
    /// </summary>
    public IReadOnlyList<CatalogError> ValidateUserLicenses(IEnumerable<string> provisioningIds)
    {
        ArgumentNullException.ThrowIfNull(provisioningIds);
        var errors = new List<CatalogError>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in provisioningIds)
        {
            if (!seen.Add(id))
            {
                errors.Add(new CatalogError(CatalogErrorCode.DuplicateRequest, id,
                    $"License '{id}' is listed more than once for the user; list each license once."));
            }
            else if (Lookup(id) is { } lookupError)
            {
                errors.Add(lookupError);
            }
            else if (_catalog.TryGet(id, out var offer) && !offer.AssignableToUsers)
            {
                errors.Add(new CatalogError(CatalogErrorCode.NotAssignable, id,
                    $"'{offer.Name}' ({id}) cannot be assigned to users; it applies to the whole tenant. " +
                    "Remove it from the user's licenses."));
            }
        }

        return errors;
    }

    private Dictionary<string, RequestedOffer> FindRequestedOffers(IEnumerable<OfferRequest> requests, List<CatalogError> errors)
    {
        var requested = new Dictionary<string, RequestedOffer>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var request in requests)
        {
            var id = request.ProvisioningId;
            if (!seen.Add(id))
            {
                errors.Add(new CatalogError(CatalogErrorCode.DuplicateRequest, id,
                    $"Offer '{id}' is requested more than once; request each offer once with the total quantity."));
                continue;
            }

            if (Lookup(id) is { } lookupError)
            {
                errors.Add(lookupError);
                continue;
            }

            _catalog.TryGet(id, out var offer);
            if (!offer!.Quantity.Contains(request.Quantity))
            {
                errors.Add(new CatalogError(CatalogErrorCode.QuantityOutOfRange, id,
                    $"'{offer.Name}' ({id}) can be ordered in quantities from {offer.Quantity.Minimum} to " +
                    $"{offer.Quantity.Maximum}; {request.Quantity} was requested."));
            }

            requested[id] = new RequestedOffer(offer, request.Quantity, index++);
        }

        return requested;
    }

    private CatalogError? Lookup(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return new CatalogError(CatalogErrorCode.UnknownOffer, id ?? string.Empty,
                "An offer was requested with an empty provisioning id; give the provisioning id of a license or add-on type.");
        }

        if (_catalog.IsAmbiguous(id))
        {
            return new CatalogError(CatalogErrorCode.DuplicateDefinition, id,
                $"More than one license or add-on type has provisioning id '{id}'; give each type a unique provisioning id.");
        }

        return _catalog.TryGet(id, out _)
            ? null
            : new CatalogError(CatalogErrorCode.UnknownOffer, id,
                $"No license or add-on type has provisioning id '{id}'; create the type first or correct the id.");
    }

    /// <summary>Walks every defined parent reachable from <paramref name="addon"/> and returns the first loop found.</summary>
    private List<string>? FindParentCycle(AddonType addon)
    {
        var path = new List<string>();
        var onPath = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var finished = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        List<string>? Visit(OfferType offer)
        {
            if (onPath.Contains(offer.ProvisioningId))
            {
                var start = path.FindIndex(p => string.Equals(p, offer.ProvisioningId, StringComparison.OrdinalIgnoreCase));
                return [.. path.Skip(start), offer.ProvisioningId];
            }

            if (offer is not AddonType current || !finished.Add(offer.ProvisioningId))
            {
                return null;
            }

            path.Add(current.ProvisioningId);
            onPath.Add(current.ProvisioningId);
            foreach (var parentId in current.PossibleParentOffers)
            {
                if (_catalog.TryGet(parentId, out var parent) && Visit(parent) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            onPath.Remove(current.ProvisioningId);
            return null;
        }

        return Visit(addon);
    }

    /// <summary>Binds an add-on to its first satisfiable parent. Assumes the reachable parent graph has no loop.</summary>
    private Binding Bind(AddonType addon, Dictionary<string, RequestedOffer> requested, Dictionary<string, Binding> bindings)
    {
        if (bindings.TryGetValue(addon.ProvisioningId, out var known))
        {
            return known;
        }

        var missing = new List<string>();
        string? via = null;
        Binding? result = null;
        foreach (var parentId in addon.PossibleParentOffers)
        {
            if (!requested.TryGetValue(parentId, out var parent))
            {
                AddOnce(missing, parentId);
                continue;
            }

            if (parent.Offer is LicenseType)
            {
                result = Binding.To(parent.Offer.ProvisioningId, depth: 1);
                break;
            }

            var parentBinding = Bind((AddonType)parent.Offer, requested, bindings);
            if (parentBinding.IsSatisfied)
            {
                result = Binding.To(parent.Offer.ProvisioningId, parentBinding.Depth + 1);
                break;
            }

            via ??= parent.Offer.ProvisioningId;
            foreach (var id in parentBinding.Missing)
            {
                AddOnce(missing, id);
            }
        }

        result ??= Binding.Unsatisfied(missing, via);
        bindings[addon.ProvisioningId] = result;
        return result;
    }

    private static void AddOnce(List<string> list, string id)
    {
        if (!list.Contains(id, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(id);
        }
    }

    private static CatalogError MissingAncestorError(AddonType addon, Binding binding)
    {
        var missing = string.Join(", ", binding.Missing.Select(id => $"'{id}'"));
        var message = addon.PossibleParentOffers.Count == 0
            ? $"Add-on '{addon.Name}' ({addon.ProvisioningId}) has no possible parent offers defined, so it can never be " +
              "ordered; add its parent offers to the add-on type."
            : binding.Via is null
                ? $"Add-on '{addon.Name}' ({addon.ProvisioningId}) needs one of its parent offers in the same order: " +
                  $"add {(binding.Missing.Count == 1 ? missing : "one of " + missing)}."
                : $"Add-on '{addon.Name}' ({addon.ProvisioningId}) needs a complete chain of ancestor offers up to a " +
                  $"license type; the chain through '{binding.Via}' lacks {missing}. Add the missing ancestor to the order.";
        return new CatalogError(CatalogErrorCode.MissingAncestor, addon.ProvisioningId, message) { Offers = binding.Missing };
    }

    private sealed record RequestedOffer(OfferType Offer, int Quantity, int Index);

    /// <summary>Where an add-on attaches, or, when no parent chain is complete, what is missing.</summary>
    private sealed record Binding(string? ParentProvisioningId, int Depth, IReadOnlyList<string> Missing, string? Via)
    {
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(ParentProvisioningId))]
        public bool IsSatisfied => ParentProvisioningId is not null;

        public static Binding To(string parentProvisioningId, int depth) => new(parentProvisioningId, depth, [], null);

        public static Binding Unsatisfied(IReadOnlyList<string> missing, string? via) => new(null, 0, missing, via);
    }
}
