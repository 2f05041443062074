using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Aps.Phases;
using O365Functions.Api.Http;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// <c>tenants</c>, the customer's Commerce subscription service: a valid order starts <see cref="ProvisionTenantWorkflow"/>
/// with the seats of the subscription's limits; configure, the limits-changed event, <c>disable</c>, <c>enable</c> and
/// unprovision start <see cref="ChangeTenantWorkflow"/>. Each is answered through <see cref="ApsPhases"/> (202 while it
/// runs, then the tenant, or 500 with the step and Microsoft's answer); the event is answered 200 as soon as it is
/// counted. The initial admin's password is in the first answer that completes the provisioning, and is then deleted
/// from the secret store.
/// </summary>
public sealed class TenantService(
    TenantOrderReader orders, GatewayRecords records, ApsPhases phases, ISecretStore secrets, IOptions<ProvisioningOptions> options, GatewayLimits limits, TimeProvider time) : ApsService
{
    /// <inheritdoc />
    public override ApsType Type => ApsPackage.Tenants;

    /// <inheritdoc />
    public override async Task<IResult> ProvisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!ApsFieldRules.IsUuid(call.ResourceId))
        {
            return ApsResults.BadRequest("InvalidApsId", "aps.id must be the new tenant's UUID, as the controller assigns it.");
        }

        var reading = await orders.ReadAsync(call, call.ResourceId, existing: null, cancellationToken);
        if (reading.Order is not { } order)
        {
            return ApsResults.Problems("InvalidTenant", [.. reading.Problems], limits);
        }

        var operation = new ApsOperationRequest(call.InstanceId, call.ResourceId, "provision", ProvisionTenantWorkflow.Name,
            new ProvisionTenantInput(order, options.Value.Timings(), AdminAccessPlan(call.RequiredInstance.Record, order)), call.ChangeOf())
        { IsPoll = call.IsPoll };
        return await phases.StartOrPollAsync(
            operation,
            call.Workflows,
            workflow => ProvisionedAsync(call, workflow, cancellationToken),
            async () => await (await records.GetAsync(cancellationToken)).SaveTenantAsync(
                new TenantRecord(call.InstanceId, call.ResourceId, null, order.Domain, order.CompanyName, order.Country, TenantStatus.Provisioning, [], ResellerMpnId: order.ResellerMpnId,
                    AccountApsId: order.Commerce?.AccountApsId, SubscriptionApsId: order.Commerce?.SubscriptionApsId, SeatLimits: order.Commerce?.SeatLimits), cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<IResult> RetrieveAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var tenant = await FindAsync(call, cancellationToken);
        if (tenant is null)
        {
            return NotFound(call);
        }

        // Commerce's usage sync: the last known figures, never a call to Microsoft that could fail it.
        await StartPendingLimitsChangeAsync(call, tenant, cancellationToken);
        return await RepresentAsync(tenant, adminPassword: null, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await FindAsync(call, cancellationToken) is not { } tenant)
        {
            return NotFound(call);
        }

        var reading = await orders.ReadAsync(call, tenant.ApsId, tenant, cancellationToken);
        if (reading.Order is not { } order)
        {
            return ApsResults.Problems("InvalidTenant", [.. reading.Problems], limits);
        }

        // The change is what the limits ask for now: the same limits sent again find the change that applied them.
        var change = JsonSerializer.SerializeToUtf8Bytes(order.Plan, GatewayJson.Options);
        return await ChangeAsync(call, tenant with { SeatLimits = order.Commerce?.SeatLimits ?? tenant.SeatLimits }, TenantChangeKind.Configure, order.Plan, change, cancellationToken,
            reading.LicensePaths);
    }

    /// <summary>Ends every subscription (under the rules of <see cref="TenantChangePlanner"/>) and forgets the tenant; the Microsoft customer stays.</summary>
    public override async Task<IResult> UnprovisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var tenant = await FindAsync(call, cancellationToken);
        if (tenant is null)
        {
            return Results.NoContent();
        }

        if (tenant.MicrosoftTenantId is null && tenant.Status != TenantStatus.Provisioning)
        {
            // Nothing was created at Microsoft (the provisioning failed before the customer existed).
            await (await records.GetAsync(cancellationToken)).RemoveTenantAsync(tenant, cancellationToken);
            return Results.NoContent();
        }

        return await ChangeAsync(call, tenant, TenantChangeKind.Remove, [], [], cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<IResult> OperationAsync(ApsCall call, ApsOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(operation);
        if (await FindAsync(call, cancellationToken) is not { } tenant)
        {
            return NotFound(call);
        }

        return operation.Name switch
        {
            "disable" => await ChangeAsync(call, tenant, TenantChangeKind.Disable, [], [], cancellationToken),
            "enable" => await ChangeAsync(call, tenant, TenantChangeKind.Enable, [], [], cancellationToken),
            CommerceContract.LimitsChangedHandler => await LimitsChangedAsync(call, tenant, cancellationToken),
            _ => await ReconcileAsync(call, tenant, cancellationToken),
        };
    }

    /// <summary>
    /// Commerce's limits-changed event: counted durably, then answered 200 (a 202 would be delivered again without
    /// end). The change reads the limits afresh, so it starts under the count it follows: a repeated or late event
    /// finds the change already started, and one that arrives while another operation runs on the tenant is applied
    /// when that operation is answered or by the running change's next round.
    /// </summary>
    private async Task<IResult> LimitsChangedAsync(ApsCall call, TenantRecord tenant, CancellationToken cancellationToken)
    {
        var received = await CountLimitsEventAsync(call.InstanceId, tenant.ApsId, cancellationToken);
        if (tenant.MicrosoftTenantId is not null)
        {
            await StartLimitsChangeAsync(call, tenant, received, cancellationToken);
        }

        return Results.Ok();
    }

    /// <summary>Starts the change that follows the subscription's limits, unless an operation on the tenant still runs.</summary>
    private Task<IResult> StartLimitsChangeAsync(ApsCall call, TenantRecord tenant, long received, CancellationToken cancellationToken)
    {
        var operation = new ApsOperationRequest(call.InstanceId, tenant.ApsId, "limits", ChangeTenantWorkflow.Name,
            new ChangeTenantInput(TenantChangeKind.LimitsChanged, tenant, [], options.Value.Timings()), Encoding.UTF8.GetBytes($"limits-{received}"));
        return phases.StartOrPollAsync(operation, call.Workflows, _ => Task.FromResult(Results.Ok()), null, cancellationToken);
    }

    /// <summary>Counts one more limits-changed event for the tenant and answers the count.</summary>
    private async Task<long> CountLimitsEventAsync(string instanceId, string tenantApsId, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken);
        var key = RecordKey.SeatLimitsEvents(instanceId, tenantApsId);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await store.GetAsync<SeatLimitsEventRecord>(key, cancellationToken);
            var counted = stored?.Record is { } events
                ? events with { Received = events.Received + 1, LastReceived = time.GetUtcNow() }
                : new SeatLimitsEventRecord(1, 0, time.GetUtcNow());
            try
            {
                await store.PutAsync(key, counted, stored?.ETag, cancellationToken);
                return counted.Received;
            }
            catch (Core.State.EntityStoreException conflict) when (attempt < 20 && conflict.Error is Core.State.EntityStoreError.PreconditionFailed or Core.State.EntityStoreError.AlreadyExists)
            {
                // Another delivery was counted at the same time: count again on top of it.
            }
        }
    }

    /// <summary>
    /// Starts the limits change an event left waiting behind another operation: called when that operation's result is
    /// answered and on Commerce's usage reads, so a pending event is never left for long.
    /// </summary>
    private async Task StartPendingLimitsChangeAsync(ApsCall call, TenantRecord tenant, CancellationToken cancellationToken)
    {
        if (tenant.MicrosoftTenantId is null || tenant.Status is TenantStatus.Removed)
        {
            return;
        }

        var events = (await (await records.GetAsync(cancellationToken)).GetAsync<SeatLimitsEventRecord>(RecordKey.SeatLimitsEvents(call.InstanceId, tenant.ApsId), cancellationToken))?.Record;
        if (events is { Pending: true })
        {
            await StartLimitsChangeAsync(call, tenant, events.Received, cancellationToken);
        }
    }

    /// <summary><c>POST /tenants/{id}/sync</c>: reconciles the tenant with Partner Center and answers with the report.</summary>
    private async Task<IResult> ReconcileAsync(ApsCall call, TenantRecord tenant, CancellationToken cancellationToken)
    {
        if (tenant.MicrosoftTenantId is null)
        {
            return ApsResults.Error(StatusCodes.Status409Conflict, "TenantNotProvisioned",
                $"Tenant {tenant.ApsId} has no Microsoft customer yet ({tenant.StatusMessage ?? tenant.Status.Word()}); there is nothing to reconcile.");
        }

        // Each sync request is a new reconciliation: the last report's time tells one from the next.
        var last = await ReconciliationReports.LastAsync(records, call.InstanceId, tenant.ApsId, cancellationToken);
        var operation = new ApsOperationRequest(call.InstanceId, tenant.ApsId, "sync", ReconcileTenantWorkflow.Name, tenant,
            Encoding.UTF8.GetBytes($"sync-{last?.At.UtcTicks ?? 0}"))
        { IsPoll = call.IsPoll };
        return await phases.StartOrPollAsync(
            operation, call.Workflows, workflow => Task.FromResult(Results.Json(workflow.ReadOutputAs<ReconciliationReport>(), GatewayJson.Options)), null, cancellationToken);
    }

    private async Task<IResult> ChangeAsync(
        ApsCall call,
        TenantRecord tenant,
        TenantChangeKind kind,
        IReadOnlyList<PlannedSubscription> plan,
        byte[] change,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, LicensePaths>? licensePaths = null)
    {
        var name = kind.ToString().ToLowerInvariant();
        var operation = new ApsOperationRequest(call.InstanceId, tenant.ApsId, name, ChangeTenantWorkflow.Name,
            new ChangeTenantInput(kind, tenant, plan, options.Value.Timings(), licensePaths), change)
        { IsPoll = call.IsPoll };
        if (tenant.MicrosoftTenantId is null)
        {
            return ApsResults.Error(StatusCodes.Status409Conflict, "TenantNotProvisioned",
                $"Tenant {tenant.ApsId} has no Microsoft customer yet ({tenant.StatusMessage ?? tenant.Status.Word()}). Wait for its provisioning to finish, or provision it again, then send the change.");
        }

        return await phases.StartOrPollAsync(
            operation,
            call.Workflows,
            async workflow =>
            {
                if (kind == TenantChangeKind.Remove)
                {
                    return Results.NoContent();
                }

                var changed = workflow.ReadOutputAs<TenantRecord>() ?? tenant;
                await StartPendingLimitsChangeAsync(call, changed, cancellationToken);
                return await RepresentAsync(changed, adminPassword: null, cancellationToken);
            },
            null,
            cancellationToken);
    }

    /// <summary>
    /// The GDAP relationship to ask for: for an organization linked through the reseller relationship (which grants no
    /// admin rights), and for new ones where <see cref="ProvisioningOptions.RequestAdminAccessForNewTenants"/> says so;
    /// none when the instance names no security group.
    /// </summary>
    private AdminAccessPlan? AdminAccessPlan(ApplicationInstanceRecord instance, TenantOrder order) =>
        instance.AdminAccessGroupId is { Length: > 0 } group && (order.ExistingTenantDomain is not null || options.Value.RequestAdminAccessForNewTenants)
            ? new AdminAccessPlan(group, options.Value.AdminAccessRoles, options.Value.AdminAccessDuration)
            : null;

    /// <summary>The tenant, with the initial admin's password the first time the provisioning's result is answered.</summary>
    private async Task<IResult> ProvisionedAsync(ApsCall call, WorkflowInstance workflow, CancellationToken cancellationToken)
    {
        var tenant = workflow.ReadOutputAs<TenantRecord>() ?? await FindAsync(call, cancellationToken);
        if (tenant is null)
        {
            return NotFound(call);
        }

        var name = InstanceSecretNames.TenantAdminPassword(call.InstanceId, tenant.ApsId);
        var password = (await secrets.GetAsync(name, cancellationToken))?.Reveal();
        if (password is not null)
        {
            await secrets.DeleteAsync(name, cancellationToken);
        }

        await StartPendingLimitsChangeAsync(call, tenant, cancellationToken);
        return await RepresentAsync(tenant, password, cancellationToken);
    }

    /// <summary>The tenant with its <c>seats</c>: the limits last read, the seats bought, and the licenses its users hold, from records alone.</summary>
    private async Task<IResult> RepresentAsync(TenantRecord tenant, string? adminPassword, CancellationToken cancellationToken)
    {
        var users = await (await records.GetAsync(cancellationToken)).ListAsync<UserRecord>(RecordKey.TenantPartition(tenant.InstanceId, tenant.ApsId), cancellationToken);
        var offers = (tenant.SeatLimits?.Keys ?? []).Union(tenant.Subscriptions.Select(s => s.ProvisioningId), StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        var seats = offers.Select(id =>
        {
            var bought = tenant.Subscriptions.FirstOrDefault(s => string.Equals(s.ProvisioningId, id, StringComparison.OrdinalIgnoreCase));
            return new
            {
                ProvisioningId = id,
                Limit = tenant.SeatLimits?.GetValueOrDefault(id),
                Purchased = bought?.Quantity ?? 0,
                Assigned = users.Count(u => u.Record.Licenses.Contains(id, StringComparer.OrdinalIgnoreCase)),
                bought?.PendingQuantity,
                bought?.PendingFrom,
            };
        }).ToList();
        return Represent(tenant, adminPassword, seats);
    }

    private IResult Represent(TenantRecord tenant, string? adminPassword, object seats) => ApsRepresentation.Ok(Type, tenant.ApsId, new
    {
        tenant.CompanyName,
        tenant.Country,
        TenantId = tenant.MicrosoftTenantId,
        tenant.InitialDomain,
        tenant.AdminLogin,
        AdminPassword = adminPassword,
        tenant.RelationshipUrl,
        tenant.AdminAccessUrl,
        tenant.ResellerMpnId,
        Seats = seats,
        Subscriptions = tenant.Subscriptions.Select(s => new { s.ProvisioningId, s.SubscriptionId, s.OfferId, s.Quantity, s.Status }),
        StatusMessage = tenant.StatusMessage ?? tenant.Status.Word(),
    });

    private async Task<TenantRecord?> FindAsync(ApsCall call, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken);
        return (await store.GetAsync<TenantRecord>(RecordKey.Tenant(call.InstanceId, call.Route.ResourceId ?? call.ResourceId), cancellationToken))?.Record;
    }

    private IResult NotFound(ApsCall call) => ApsResults.Error(StatusCodes.Status404NotFound, "NotFound",
        $"This instance has no tenant {Echo.Bounded(call.Route.ResourceId, limits.MaxEchoedLength)}.");
}
