using Microsoft.Extensions.Logging;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Catalog;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>
/// Reads the tenant's seats afresh from its Commerce subscription's limits and plans them against the instance's
/// catalog. The count of limits-changed events is read first, so an event that arrives while this runs is known to be
/// newer than what was read. Trials stay trials: a subscription on its type's trial offer is planned on it again.
/// </summary>
public sealed class ReadSeatLimits(GatewayRecords records, InstanceCatalogs catalogs, CommerceController commerce, ILogger<ReadSeatLimits> logger)
    : Activity<ReadSeatLimits, SeatLimitsStep, StepOutcome<SeatReading>>
{
    /// <inheritdoc/>
    public override async Task<StepOutcome<SeatReading>> RunAsync(SeatLimitsStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var operation = input.Operation;
        using var scope = RefusableSteps.BeginScope(logger, operation, operation.Call("read-seat-limits"));
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var events = (await store.GetAsync<SeatLimitsEventRecord>(RecordKey.SeatLimitsEvents(operation.InstanceId, operation.TenantApsId), cancellationToken).ConfigureAwait(false))?.Record;
        var tenant = (await store.GetAsync<TenantRecord>(RecordKey.Tenant(operation.InstanceId, operation.TenantApsId), cancellationToken).ConfigureAwait(false))?.Record ?? input.Tenant;
        var instance = (await store.GetAsync<ApplicationInstanceRecord>(RecordKey.Instance(operation.InstanceId), cancellationToken).ConfigureAwait(false))?.Record;
        if (instance is null || tenant.SubscriptionApsId is null)
        {
            return StepOutcome.Refused<SeatReading>(new CommerceRefusal("NoSubscription",
                instance is null ? $"Instance {operation.InstanceId} is no longer installed." : $"Tenant {tenant.ApsId} names no Commerce subscription to read its seats from.",
                "Upgrade the instance (it records each tenant's subscription), or configure the tenant with its 'subscription' link."));
        }

        var types = (await catalogs.ListAsync(operation.InstanceId, cancellationToken).ConfigureAwait(false)).Select(r => r.Record).ToList();
        var users = (await store.ListAsync<UserRecord>(RecordKey.TenantPartition(operation.InstanceId, tenant.ApsId), cancellationToken).ConfigureAwait(false)).Select(u => u.Record).ToList();
        var limits = await commerce.ReadLimitsAsync(operation.InstanceId, tenant.SubscriptionApsId, SeatPlanner.TypeApsIds(types), cancellationToken).ConfigureAwait(false);
        var trials = tenant.Subscriptions
            .Where(s => types.Any(t => string.Equals(t.ProvisioningId, s.ProvisioningId, StringComparison.OrdinalIgnoreCase) && string.Equals(t.TrialOfferId, s.OfferId, StringComparison.OrdinalIgnoreCase)))
            .Select(s => s.ProvisioningId)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seats = SeatPlanner.Plan(types, limits, trials, instance.BillingCycle, users, newOrder: false);
        return seats.Problems.Count > 0
            ? StepOutcome.Refused<SeatReading>(new CommerceRefusal(seats.Problems[0].Code, string.Join(" ", seats.Problems.Select(p => p.Message)),
                "Correct the subscription's limits in Commerce (or the catalog); the next limit change or configure applies them."))
            : StepOutcome.Done(new SeatReading(seats.Plan, seats.LicensePaths, seats.Limits, events?.Received ?? 0));
    }
}
