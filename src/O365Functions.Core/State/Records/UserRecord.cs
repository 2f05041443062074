namespace O365Functions.Core.State.Records;

/// <summary>A user of a tenant and the licenses assigned to it.</summary>
/// <param name="InstanceId">The APS application instance.</param>
/// <param name="TenantApsId">The tenant's APS resource id.</param>
/// <param name="ApsId">The user's APS resource id.</param>
/// <param name="UserId">The Entra object id, once the user exists.</param>
/// <param name="UserPrincipalName">The sign-in name.</param>
/// <param name="Licenses">Provisioning ids of the licenses assigned.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="UsageLocation">The ISO-2 country licenses are used in.</param>
/// <param name="Status">Whether the user is created yet.</param>
public sealed record UserRecord(
    string InstanceId,
    string TenantApsId,
    string ApsId,
    string? UserId,
    string UserPrincipalName,
    IReadOnlyList<string> Licenses,
    string? DisplayName = null,
    string? UsageLocation = null,
    UserStatus Status = UserStatus.Active);
