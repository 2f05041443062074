namespace O365Functions.Core.State.Records;

/// <summary>A custom domain of a tenant and its verification state.</summary>
public sealed record DomainRecord(string InstanceId, string TenantApsId, string ApsId, string Name, string Status, int VerificationAttempts);
