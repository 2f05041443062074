using Microsoft.Extensions.Logging;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>
/// Claims the domain for the tenant, then creates the customer (or finds the one an earlier attempt created). The
/// initial admin's password goes to the secret store, never into the workflow's history.
/// </summary>
public sealed partial class CreateCustomer(ITenantCommerce commerce, GatewayRecords records, ISecretStore secrets, ILogger<CreateCustomer> logger)
    : Activity<CreateCustomer, CreateCustomerStep, StepOutcome<TenantCustomer>>
{
    /// <inheritdoc/>
    public override async Task<StepOutcome<TenantCustomer>> RunAsync(CreateCustomerStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var call = input.Operation.Call("create-customer");
        using var scope = RefusableSteps.BeginScope(logger, input.Operation, call);
        var order = input.Order;
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

        LogCustomer(created.CustomerId, created.Domain);
        return StepOutcome.Done(new TenantCustomer(created.CustomerId, created.Domain, created.AdminLogin));
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
    private partial void LogCustomer(string customerId, string domain);
}
