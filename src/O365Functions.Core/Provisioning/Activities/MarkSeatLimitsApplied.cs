using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>
/// Records that the tenant's seats caught up with every limits-changed event counted before they were read, and
/// answers whether another arrived since (then the limits are read and applied once more).
/// </summary>
public sealed class MarkSeatLimitsApplied(GatewayRecords records, TimeProvider time) : Activity<MarkSeatLimitsApplied, SeatLimitsAppliedStep, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(SeatLimitsAppliedStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.SeatLimitsEvents(input.Operation.InstanceId, input.Operation.TenantApsId);
        while (true)
        {
            var stored = await store.GetAsync<SeatLimitsEventRecord>(key, cancellationToken).ConfigureAwait(false);
            var events = stored?.Record ?? new SeatLimitsEventRecord(0, 0, time.GetUtcNow());
            if (events.Applied >= input.EventsRead)
            {
                return events.Received > input.EventsRead;
            }

            try
            {
                await store.PutAsync(key, events with { Applied = input.EventsRead }, stored?.ETag, cancellationToken).ConfigureAwait(false);
                return events.Received > input.EventsRead;
            }
            catch (EntityStoreException conflict) when (conflict.Error is EntityStoreError.PreconditionFailed or EntityStoreError.AlreadyExists)
            {
                // An event was counted meanwhile: read the count again.
            }
        }
    }
}
