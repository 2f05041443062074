namespace O365Functions.Api.Catalog;

/// <summary>The body of <c>POST /catalog/plan</c>: the tenant's <c>licenses</c> object, as APS sends it on a tenant.</summary>
public sealed record PurchasePlanRequest(Dictionary<string, LicenseLimit?>? Licenses);
