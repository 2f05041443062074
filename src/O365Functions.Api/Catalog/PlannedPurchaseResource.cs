namespace O365Functions.Api.Catalog;

/// <summary>One step of a purchase plan as the plan endpoint returns it.</summary>
public sealed record PlannedPurchaseResource(string ProvisioningId, string OfferId, int Quantity, string? ParentProvisioningId);
