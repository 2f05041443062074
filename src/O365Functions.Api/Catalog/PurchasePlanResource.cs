namespace O365Functions.Api.Catalog;

/// <summary>The ordered purchases for a tenant's licenses: parents before their add-ons.</summary>
public sealed record PurchasePlanResource(IReadOnlyList<PlannedPurchaseResource> Purchases);
