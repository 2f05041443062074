namespace O365Functions.Core.State.Records;

/// <summary>
/// Which tenant of an instance owns an organization's domain. Written with one conditional insert before the customer
/// is created, so two tenant orders for one domain (a repeated order under a new id, two racing requests) cannot both
/// create or adopt the customer: the second is told which tenant has it.
/// </summary>
/// <param name="InstanceId">The APS application instance.</param>
/// <param name="Domain">The domain, lower case.</param>
/// <param name="TenantApsId">The tenant that claimed it.</param>
public sealed record DomainClaimRecord(string InstanceId, string Domain, string TenantApsId);
