using Microsoft.AspNetCore.Http;
using O365Functions.Api.Http;
using O365Functions.Core.State.Records;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// What <c>users</c> and <c>domains</c> share: each belongs to a tenant named by its <c>tenant</c> link, which must be a
/// tenant of the instance that Microsoft already holds, and each is kept as a record in that tenant's partition.
/// </summary>
public abstract class TenantResourceService(GatewayRecords records, GatewayLimits limits) : ApsService
{
    /// <summary>The limits, for bounded echoes.</summary>
    protected GatewayLimits Limits => limits;

    /// <summary>The record store.</summary>
    protected GatewayRecords Records => records;

    /// <summary>The tenant the body links to, or null.</summary>
    protected async Task<TenantRecord?> TenantAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.LinkId("tenant") is not { } tenantId || !Http.ApsFieldRules.IsUuid(tenantId))
        {
            return null;
        }

        return await TenantOfAsync(call.InstanceId, tenantId, cancellationToken);
    }

    /// <summary>The instance's tenant <paramref name="tenantApsId"/>, or null.</summary>
    protected async Task<TenantRecord?> TenantOfAsync(string instanceId, string tenantApsId, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken);
        return (await store.GetAsync<TenantRecord>(RecordKey.Tenant(instanceId, tenantApsId), cancellationToken))?.Record;
    }

    /// <summary>
    /// The problem with the linked tenant for a new resource: unknown, or not yet bought at Microsoft; with
    /// <paramref name="needsSeats"/>, also any tenant that is not active, since a suspended, failed or removed tenant has
    /// no licenses to give and Microsoft would create the user only to refuse its licenses.
    /// </summary>
    protected ApsErrorDetail? TenantProblem(ApsCall call, TenantRecord? tenant, bool needsSeats = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        return tenant switch
        {
            null => new("UnknownTenant", "tenant",
                $"The 'tenant' link must name a tenant of this instance ({{\"aps\": {{\"id\": \"<tenant uuid>\"}}}}); {Echo.Bounded(call.LinkId("tenant") ?? "none", limits.MaxEchoedLength)} is not one. Provision the tenant first."),
            { MicrosoftTenantId: null } => new("TenantNotReady", "tenant",
                $"Tenant {tenant.ApsId} has no Microsoft 365 organization yet ({tenant.StatusMessage ?? tenant.Status.Word()}). Wait for its provisioning to finish."),
            { Status: not TenantStatus.Active } when needsSeats => new("TenantNotReady", "tenant", tenant.Status == TenantStatus.Suspended
                ? $"Tenant {tenant.ApsId} is suspended: its subscriptions give no licenses. Enable it (PUT /tenants/{tenant.ApsId}/enable), then send the user again."
                : $"Tenant {tenant.ApsId} is {tenant.Status.Word()}, not active ({tenant.StatusMessage ?? "no subscriptions to give licenses from"}). Send the user once the tenant is active."),
            _ => null,
        };
    }

    /// <summary>A record of this service's resource in any tenant of the instance, found through the pointer-free key: the tenant link, or the stored record's tenant.</summary>
    protected async Task<StoredRecord<T>?> FindAsync<T>(ApsCall call, Func<string, string, RecordKey> key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(key);
        var store = await records.GetAsync(cancellationToken);
        var index = await store.GetAsync<TenantResourceIndexRecord>(RecordKey.TenantResource(call.InstanceId, call.Route.ResourceId ?? call.ResourceId), cancellationToken);
        return index is null ? null : await store.GetAsync<T>(key(index.Record.TenantApsId, index.Record.ApsId), cancellationToken);
    }

    /// <summary>Records which tenant a resource belongs to, so requests that name only the resource find it.</summary>
    protected async Task IndexAsync(string instanceId, string tenantApsId, string apsId, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken);
        await store.TryAddAsync(RecordKey.TenantResource(instanceId, apsId), new TenantResourceIndexRecord(tenantApsId, apsId), cancellationToken);
    }

    /// <summary>The 404 for a resource the instance does not hold.</summary>
    protected IResult NotFound(ApsCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return ApsResults.Error(StatusCodes.Status404NotFound, "NotFound",
            $"This instance has no {Type.Service} resource {Echo.Bounded(call.Route.ResourceId, limits.MaxEchoedLength)}.");
    }
}
