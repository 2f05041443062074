namespace O365Functions.Core.State.Records;

/// <summary>
/// Which tenant a user or domain belongs to. APS addresses them by their own id only (<c>GET /users/{id}</c>), while
/// their records live in their tenant's partition.
/// </summary>
/// <param name="TenantApsId">The tenant.</param>
/// <param name="ApsId">The user or domain.</param>
public sealed record TenantResourceIndexRecord(string TenantApsId, string ApsId);
