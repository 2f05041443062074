namespace O365Functions.Core.Catalog;

/// <summary>
/// The purchases for one tenant, in the order they must be made: every parent comes before its add-ons, so that
/// when an add-on is ordered, the subscription it attaches to already exists.
/// </summary>
/// <param name="Purchases">Ordered by depth, then by the order of the request.</param>
public sealed record PurchasePlan(IReadOnlyList<PlannedPurchase> Purchases);
