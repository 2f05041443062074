namespace O365Functions.Api.Catalog;

/// <summary>
/// The APS limit of one license on a tenant: <c>{ "limit": n }</c>, keyed by provisioning id in the tenant's
/// <c>licenses</c> object.
/// </summary>
/// <param name="Limit">Seats wanted; missing or zero means none (the subscription ends).</param>
public sealed record LicenseLimit(int? Limit);
