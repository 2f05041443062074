namespace O365Functions.Core.State.Records;

/// <summary>
/// Which instance's tenant a Partner Center customer is. Partner Center's webhooks name the customer only, and one
/// gateway may serve several instances.
/// </summary>
/// <param name="InstanceId">The APS application instance.</param>
/// <param name="TenantApsId">The tenant.</param>
public sealed record CustomerIndexRecord(string InstanceId, string TenantApsId);
