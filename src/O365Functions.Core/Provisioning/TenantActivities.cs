using Microsoft.Extensions.Logging;
using O365Functions.Core.Secrets;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;

namespace O365Functions.Core.Provisioning;

/// <summary>
/// The steps of the tenant workflows. Each runs at least once and acts once: it looks for its effect first (the port
/// does so for Microsoft's side; the records here are written under conditions) and writes to Microsoft under the
/// step's stable request id. Every line they log carries the APS instance, the tenant, the workflow instance and the
/// Partner Center correlation id of the operation.
/// </summary>
public static partial class TenantActivities
{
    /// <summary>Names of the activities, which are also the Functions app's function names.</summary>
    public const string CreateCustomer = "CreateCustomer";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string FindCustomer = "FindCustomer";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string RequestRelationship = "RequestRelationship";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string AttestAgreement = "AttestAgreement";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string Purchase = "PurchaseSubscriptions";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string ReadSubscriptions = "ReadSubscriptions";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string ChangeSubscription = "ChangeSubscription";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string UpgradeSubscription = "UpgradeSubscription";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string ConvertTrial = "ConvertTrial";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string SaveTenant = "SaveTenant";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string RequestAdminAccess = "RequestAdminAccess";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string ReadAdminAccess = "ReadAdminAccess";

    /// <inheritdoc cref="CreateCustomer"/>
    public const string AssignAdminAccess = "AssignAdminAccess";

    /// <summary>
    /// Claims the domain for the tenant, then creates the customer (or finds the one an earlier attempt created). The
    /// initial admin's password goes to the secret store, never into the workflow's history.
    /// </summary>
    public static async Task<StepOutcome<TenantCustomer>> CreateCustomerAsync(
        ITenantCommerce commerce, GatewayRecords records, ISecretStore secrets, ILogger logger, CreateCustomerStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(step);
        var call = step.Operation.Call("create-customer");
        using var scope = RefusableSteps.BeginScope(logger, step.Operation, call);
        var order = step.Order;
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var claim = RecordKey.DomainClaim(order.InstanceId, order.Domain);
        if (await ClaimAsync(store, claim, new DomainClaimRecord(order.InstanceId, order.Domain.ToLowerInvariant(), order.TenantApsId), cancellationToken).ConfigureAwait(false) is { } owner)
        {
            return StepOutcome.Refused<TenantCustomer>(new CommerceRefusal("DomainInUse",
                $"{order.Domain} belongs to tenant {owner} of this application instance.",
                "Choose another domainPrefix, or change the tenant that has it."));
        }

        var outcome = await commerce.CreateCustomerAsync(call, order, cancellationToken).ConfigureAwait(false);
        if (outcome.Refusal is { } refusal)
        {
            // Nothing was created: free the domain for a corrected order.
            await store.DeleteAsync(claim, cancellationToken: cancellationToken).ConfigureAwait(false);
            RefusableSteps.LogRefused(logger, call.Step, refusal.Code, refusal.Message);
            return StepOutcome.Refused<TenantCustomer>(refusal);
        }

        var created = outcome.Value!;
        if (created.AdminPassword is { } password)
        {
            await secrets.SetAsync(InstanceSecretNames.TenantAdminPassword(order.InstanceId, order.TenantApsId), password, cancellationToken).ConfigureAwait(false);
        }

        LogCustomer(logger, created.CustomerId, created.Domain);
        return StepOutcome.Done(new TenantCustomer(created.CustomerId, created.Domain, created.AdminLogin));
    }

    /// <summary>The partner's customer with the domain, once an existing organization accepted the reseller relationship; null until then.</summary>
    public static async Task<string?> FindCustomerAsync(ITenantCommerce commerce, ILogger logger, CustomerLookupStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(step);
        var call = step.Operation.Call("find-customer");
        using var scope = RefusableSteps.BeginScope(logger, step.Operation, call);
        return await commerce.FindCustomerAsync(call, step.Domain, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reseller relationship link for an existing organization.</summary>
    public static async Task<StepOutcome<Uri>> RequestRelationshipAsync(ITenantCommerce commerce, ILogger logger, CustomerLookupStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(step);
        var call = step.Operation.Call("relationship-link");
        using var scope = RefusableSteps.BeginScope(logger, step.Operation, call);
        return await commerce.RelationshipLinkAsync(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Attests the Microsoft Customer Agreement for the customer.</summary>
    public static Task<StepOutcome<bool>> AttestAgreementAsync(ITenantCommerce commerce, ILogger logger, AgreementStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, "attest-agreement", call => commerce.AttestAgreementAsync(call, step.CustomerId, step.Contact, cancellationToken));
    }

    /// <summary>Buys one level of the plan.</summary>
    public static Task<StepOutcome<IReadOnlyList<SubscriptionState>>> PurchaseAsync(ITenantCommerce commerce, ILogger logger, PurchaseStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, step.Step, call => commerce.PurchaseAsync(call, step.CustomerId, step.Lines, step.ResellerMpnId, cancellationToken));
    }

    /// <summary>The customer's subscriptions now.</summary>
    public static async Task<IReadOnlyList<SubscriptionState>> ReadSubscriptionsAsync(ITenantCommerce commerce, ILogger logger, SubscriptionsStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(step);
        var call = step.Operation.Call("read-subscriptions");
        using var scope = RefusableSteps.BeginScope(logger, step.Operation, call);
        return await commerce.ListSubscriptionsAsync(call, step.CustomerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes one subscription.</summary>
    public static Task<StepOutcome<SubscriptionState>> ChangeSubscriptionAsync(ITenantCommerce commerce, ILogger logger, ChangeStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, step.Step, call => commerce.ChangeSubscriptionAsync(call, step.CustomerId, step.Change, cancellationToken));
    }

    /// <summary>Upgrades one subscription along its type's upgrade path.</summary>
    public static Task<StepOutcome<SubscriptionState>> UpgradeSubscriptionAsync(ITenantCommerce commerce, ILogger logger, UpgradeStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, step.Step, call => commerce.UpgradeAsync(call, step.CustomerId, step.Upgrade, cancellationToken));
    }

    /// <summary>Converts a trial to its paid offer.</summary>
    public static Task<StepOutcome<SubscriptionState>> ConvertTrialAsync(ITenantCommerce commerce, ILogger logger, ConversionStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, step.Step, call => commerce.ConvertTrialAsync(call, step.CustomerId, step.Conversion, cancellationToken));
    }

    /// <summary>Asks the customer for admin access (GDAP), or finds the relationship an earlier attempt created.</summary>
    public static Task<StepOutcome<Directory.AdminAccess>> RequestAdminAccessAsync(Directory.ITenantDirectory directory, ILogger logger, AdminAccessStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, "request-admin-access", call => directory.RequestAdminAccessAsync(call, step.Subject, step.Request!, cancellationToken));
    }

    /// <summary>The GDAP relationship as it stands.</summary>
    public static async Task<Directory.AdminAccess> ReadAdminAccessAsync(Directory.ITenantDirectory directory, ILogger logger, AdminAccessStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(step);
        var call = step.Operation.Call("read-admin-access");
        using var scope = RefusableSteps.BeginScope(logger, step.Operation, call);
        return await directory.ReadAdminAccessAsync(call, step.Subject, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the partner's group the relationship's roles.</summary>
    public static Task<StepOutcome<bool>> AssignAdminAccessAsync(Directory.ITenantDirectory directory, ILogger logger, AdminAccessAssignmentStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, "assign-admin-access",
            call => directory.AssignAdminAccessAsync(call, step.RelationshipId, step.SecurityGroupId, step.RoleIds, cancellationToken));
    }

    /// <summary>Writes the tenant's record over whatever is stored, or deletes it with its domain claim.</summary>
    public static async Task<bool> SaveTenantAsync(GatewayRecords records, SaveTenantStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(step);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var tenant = step.Tenant;
        var key = RecordKey.Tenant(tenant.InstanceId, tenant.ApsId);
        if (step.Remove)
        {
            await store.DeleteAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (tenant.MicrosoftTenantId is { } gone)
            {
                await store.DeleteAsync(RecordKey.Customer(gone), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (tenant.InitialDomain is { } domain)
            {
                await store.DeleteAsync(RecordKey.DomainClaim(tenant.InstanceId, domain), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        await store.UpsertAsync(key, tenant, cancellationToken).ConfigureAwait(false);
        if (tenant.MicrosoftTenantId is { } customerId)
        {
            await store.UpsertAsync(RecordKey.Customer(customerId), new CustomerIndexRecord(tenant.InstanceId, tenant.ApsId), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Null when the record is now this claim's; otherwise the tenant that holds it.</summary>
    private static async Task<string?> ClaimAsync(RecordStore store, RecordKey key, DomainClaimRecord claim, CancellationToken cancellationToken)
    {
        if (await store.TryAddAsync(key, claim, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var holder = (await store.GetAsync<DomainClaimRecord>(key, cancellationToken).ConfigureAwait(false))?.Record;
        return holder is null || holder.TenantApsId == claim.TenantApsId ? null : holder.TenantApsId;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId} ({Domain}) is the tenant's.")]
    private static partial void LogCustomer(ILogger logger, string customerId, string domain);
}
