using O365Functions.Core.Directory;

namespace O365Functions.Core.State.Records;

/// <summary>A custom domain of a tenant, its verification state and the DNS records to publish.</summary>
/// <param name="InstanceId">The APS application instance.</param>
/// <param name="TenantApsId">The tenant's APS resource id.</param>
/// <param name="ApsId">The domain's APS resource id.</param>
/// <param name="Name">The domain name.</param>
/// <param name="Status">Whether Microsoft verified the domain.</param>
/// <param name="VerificationAttempts">Verify calls made for it, in all.</param>
/// <param name="VerificationRecords">The TXT records that prove ownership.</param>
/// <param name="ServiceRecords">The MX, CNAME and SRV records Microsoft 365 needs.</param>
public sealed record DomainRecord(
    string InstanceId,
    string TenantApsId,
    string ApsId,
    string Name,
    DomainStatus Status,
    int VerificationAttempts,
    IReadOnlyList<DnsRecordInfo>? VerificationRecords = null,
    IReadOnlyList<DnsRecordInfo>? ServiceRecords = null);
