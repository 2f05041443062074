namespace O365Functions.Core.State.Records;

/// <summary>A user of a tenant and the licenses assigned to it.</summary>
public sealed record UserRecord(string InstanceId, string TenantApsId, string ApsId, string? UserId, string UserPrincipalName, IReadOnlyList<string> Licenses);
