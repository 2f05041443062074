namespace O365Functions.Core.Catalog;

/// <summary>
/// A Microsoft offer that a provider sells, as the provider configured it in the APS application: either a
/// <see cref="LicenseType"/> (a top-level offer) or an <see cref="AddonType"/> (an offer that needs a parent).
/// </summary>
/// <remarks>
/// The provisioning id is the provider's own key for the offer; it is unique within one application instance and
/// is what APS resources (tenant licenses, user licenses) refer to. The offer id is Microsoft's.
/// </remarks>
public abstract record OfferType
{
    /// <summary>The provider's unique key for this offer, for example <c>O365_BUSINESS_PREMIUM</c>.</summary>
    public required string ProvisioningId { get; init; }

    /// <summary>The name shown to customers.</summary>
    public required string Name { get; init; }

    /// <summary>Partner Center's offer id (a GUID for legacy offers; a catalog item id for new commerce).</summary>
    public required string OfferId { get; init; }

    /// <summary>Whether seats of this offer can be assigned to individual users.</summary>
    public bool AssignableToUsers { get; init; }

    /// <summary>The quantities this offer may be ordered in.</summary>
    public QuantityBounds Quantity { get; init; } = QuantityBounds.Default;
}
