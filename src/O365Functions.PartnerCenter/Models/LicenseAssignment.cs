namespace O365Functions.PartnerCenter.Models;

/// <summary>A license to assign: a SKU and the service plans to leave out.</summary>
public sealed record LicenseAssignment(string SkuId, IReadOnlyList<string>? ExcludedPlans = null);
