namespace O365Functions.Core.Catalog;

/// <summary>One purchase in a <see cref="PurchasePlan"/>.</summary>
/// <param name="Offer">The offer to buy.</param>
/// <param name="Quantity">The quantity to buy.</param>
/// <param name="ParentProvisioningId">
/// For an add-on, the provisioning id of the planned purchase it is bought under; <see langword="null"/> for a license type.
/// </param>
/// <param name="Depth">0 for a license type, otherwise one more than the parent's depth.</param>
public sealed record PlannedPurchase(OfferType Offer, int Quantity, string? ParentProvisioningId, int Depth);
