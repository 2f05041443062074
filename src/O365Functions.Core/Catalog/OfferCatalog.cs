namespace O365Functions.Core.Catalog;

/// <summary>
/// The license and add-on types one application instance sells, indexed by provisioning id (case-insensitive).
/// </summary>
/// <remarks>
/// The catalog holds definitions as the provider entered them, mistakes included: a provisioning id used twice or a
/// parent list that loops is kept and reported when an order touches it, rather than refusing the whole catalog,
/// because a provider fixes such definitions one at a time while the rest keeps selling.
/// </remarks>
public sealed class OfferCatalog
{
    private readonly Dictionary<string, OfferType> _byProvisioningId = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _duplicates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a catalog of the given offer types.</summary>
    public OfferCatalog(IEnumerable<OfferType> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var all = new List<OfferType>();
        foreach (var offer in offers)
        {
            all.Add(offer);
            if (!_byProvisioningId.TryAdd(offer.ProvisioningId, offer))
            {
                _duplicates.Add(offer.ProvisioningId);
            }
        }

        Offers = all;
    }

    /// <summary>Every definition, in the order given.</summary>
    public IReadOnlyList<OfferType> Offers { get; }

    /// <summary>The license types, in the order given.</summary>
    public IEnumerable<LicenseType> LicenseTypes => Offers.OfType<LicenseType>();

    /// <summary>The add-on types, in the order given.</summary>
    public IEnumerable<AddonType> AddonTypes => Offers.OfType<AddonType>();

    /// <summary>Whether more than one definition uses <paramref name="provisioningId"/>.</summary>
    public bool IsAmbiguous(string provisioningId) => _duplicates.Contains(provisioningId);

    /// <summary>Finds the offer with <paramref name="provisioningId"/>; the first definition wins where it is ambiguous.</summary>
    public bool TryGet(string provisioningId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OfferType? offer) =>
        _byProvisioningId.TryGetValue(provisioningId, out offer);
}
