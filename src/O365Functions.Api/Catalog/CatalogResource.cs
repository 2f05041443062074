namespace O365Functions.Api.Catalog;

/// <summary>The whole catalog of one gateway: what <c>GET /catalog</c> returns.</summary>
public sealed record CatalogResource(IReadOnlyList<LicenseTypeResource> LicenseTypes, IReadOnlyList<AddonTypeResource> AddonTypes);
