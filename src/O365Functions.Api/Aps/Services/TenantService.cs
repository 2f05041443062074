using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Aps.Phases;
using O365Functions.Api.Http;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// <c>tenants</c>: a valid order starts <see cref="ProvisionTenantWorkflow"/>; configure, <c>disable</c>, <c>enable</c>
/// and unprovision start <see cref="ChangeTenantWorkflow"/>. Each is answered through <see cref="ApsPhases"/> (202 while
/// it runs, then the tenant, or 500 with the step and Microsoft's answer). The initial admin's password is in the first
/// answer that completes the provisioning, and is then deleted from the secret store.
/// </summary>
public sealed class TenantService(
    TenantOrderReader orders, GatewayRecords records, ApsPhases phases, ISecretStore secrets, IOptions<ProvisioningOptions> options, GatewayLimits limits) : ApsService
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

        var (order, problems, _) = await orders.ReadAsync(call, call.ResourceId, existing: false, cancellationToken);
        if (order is null)
        {
            return ApsResults.Problems("InvalidTenant", problems, limits);
        }

        var operation = new ApsOperationRequest(call.InstanceId, call.ResourceId, "provision", ProvisionTenantWorkflow.Name,
            new ProvisionTenantInput(order, options.Value.Timings(), AdminAccessPlan(call.RequiredInstance.Record, order)), call.ChangeOf())
        { IsPoll = call.IsPoll };
        return await phases.StartOrPollAsync(
            operation,
            call.Workflows,
            workflow => ProvisionedAsync(call, workflow, cancellationToken),
            async () => await (await records.GetAsync(cancellationToken)).SaveTenantAsync(
                new TenantRecord(call.InstanceId, call.ResourceId, null, order.Domain, order.CompanyName, order.Country, TenantStatus.Provisioning, [], ResellerMpnId: order.ResellerMpnId), cancellationToken),
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

        // Usage is the seats the gateway assigned to the tenant's users.
        var users = await (await records.GetAsync(cancellationToken)).ListAsync<UserRecord>(RecordKey.TenantPartition(call.InstanceId, tenant.ApsId), cancellationToken);
        var usage = tenant.Subscriptions.ToDictionary(
            s => s.ProvisioningId, s => users.Count(u => u.Record.Licenses.Contains(s.ProvisioningId, StringComparer.OrdinalIgnoreCase)), StringComparer.OrdinalIgnoreCase);
        return Represent(tenant, adminPassword: null, usage);
    }

    /// <inheritdoc />
    public override async Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await FindAsync(call, cancellationToken) is not { } tenant)
        {
            return NotFound(call);
        }

        var (order, problems, licensePaths) = await orders.ReadAsync(call, tenant.ApsId, existing: true, cancellationToken);
        if (order is null)
        {
            return ApsResults.Problems("InvalidTenant", problems, limits);
        }

        return await ChangeAsync(call, tenant, TenantChangeKind.Configure, order.Plan, Encoding.UTF8.GetBytes(call.Body["licenses"]?.ToJsonString() ?? "{}"), cancellationToken,
            licensePaths);
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
            _ => await ReconcileAsync(call, tenant, cancellationToken),
        };
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
            workflow => Task.FromResult(kind == TenantChangeKind.Remove
                ? Results.NoContent()
                : Represent(workflow.ReadOutputAs<TenantRecord>() ?? tenant, adminPassword: null)),
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

        return Represent(tenant, password);
    }

    private IResult Represent(TenantRecord tenant, string? adminPassword, IReadOnlyDictionary<string, int>? usage = null) => ApsRepresentation.Ok(Type, tenant.ApsId, new
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
        Licenses = tenant.Subscriptions.ToDictionary(s => s.ProvisioningId, s => new { Limit = s.Quantity, Usage = usage?.GetValueOrDefault(s.ProvisioningId) }, StringComparer.OrdinalIgnoreCase),
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
