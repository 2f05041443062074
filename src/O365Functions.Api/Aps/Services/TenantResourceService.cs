using Microsoft.AspNetCore.Http;
using O365Functions.Api.Http;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// What <c>users</c> and <c>domains</c> share: each belongs to a tenant named by its <c>tenant</c> link, which must be
/// a tenant of the instance. Their workflows arrive with the users-and-domains release; until then a valid request is
/// answered 501, and since no user or domain record can exist yet, a read answers 404 and a removal 204.
/// </summary>
public abstract class TenantResourceService(GatewayRecords records, GatewayLimits limits) : ApsService
{
    /// <summary>The limits, for bounded echoes.</summary>
    protected GatewayLimits Limits => limits;

    /// <summary>What this service's work is called in the 501.</summary>
    protected abstract string Work { get; }

    /// <summary>The body's problems, the tenant aside.</summary>
    protected abstract Task<List<ApsErrorDetail>> CheckAsync(ApsCall call, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override Task<IResult> ProvisionAsync(ApsCall call, CancellationToken cancellationToken) => ChangeAsync(call, cancellationToken);

    /// <inheritdoc />
    public override Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken) => ChangeAsync(call, cancellationToken);

    /// <inheritdoc />
    public override Task<IResult> RetrieveAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Task.FromResult(ApsResults.Error(StatusCodes.Status404NotFound, "NotFound",
            $"This instance has no {Type.Service} resource {Echo.Bounded(call.Route.ResourceId, limits.MaxEchoedLength)}."));
    }

    /// <inheritdoc />
    public override Task<IResult> UnprovisionAsync(ApsCall call, CancellationToken cancellationToken) => Task.FromResult(Results.NoContent());

    /// <inheritdoc />
    public override async Task<IResult> OperationAsync(ApsCall call, Package.ApsOperation operation, CancellationToken cancellationToken) =>
        await RetrieveAsync(call, cancellationToken);

    /// <summary>The tenant the body links to, or null.</summary>
    protected async Task<TenantRecord?> TenantAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.LinkId("tenant") is not { } tenantId || !Http.ApsFieldRules.IsUuid(tenantId))
        {
            return null;
        }

        var store = await records.GetAsync(cancellationToken);
        return (await store.GetAsync<TenantRecord>(RecordKey.Tenant(call.InstanceId, tenantId), cancellationToken))?.Record;
    }

    private async Task<IResult> ChangeAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!Http.ApsFieldRules.IsUuid(call.ResourceId))
        {
            return ApsResults.BadRequest("InvalidApsId", $"aps.id must be the {Type.Service} resource's UUID, as the controller assigns it.");
        }

        var problems = await CheckAsync(call, cancellationToken);
        if (problems.Count == 0 && await TenantAsync(call, cancellationToken) is null)
        {
            problems.Add(new("UnknownTenant", "tenant",
                $"The 'tenant' link must name a tenant of this instance ({{\"aps\": {{\"id\": \"<tenant uuid>\"}}}}); {Echo.Bounded(call.LinkId("tenant") ?? "none", limits.MaxEchoedLength)} is not one. Provision the tenant first."));
        }

        return problems.Count > 0 ? ApsResults.Problems("Invalid" + char.ToUpperInvariant(Type.Service[0]) + Type.Service[1..^1], problems, limits) : NotYetAvailable.For(Work);
    }
}
