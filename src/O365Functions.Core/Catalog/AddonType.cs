namespace O365Functions.Core.Catalog;

/// <summary>
/// A Microsoft add-on offer: it can be bought only on top of a subscription to one of its parent offers, and
/// that parent needs its own ancestors, up to a <see cref="LicenseType"/>.
/// </summary>
public sealed record AddonType : OfferType
{
    /// <summary>
    /// Provisioning ids of the license or add-on types this add-on can be bought under, in the provider's order of
    /// preference. The order matters: <see cref="PurchasePlanResolver"/> binds the add-on to the first one that the
    /// order can satisfy.
    /// </summary>
    public IReadOnlyList<string> PossibleParentOffers { get; init; } = [];
}
