using O365Functions.Core.State;
using O365Functions.Core.State.Records;

namespace O365Functions.Core.Webhooks;

/// <summary>
/// Remembers which webhook events were received, so that a redelivered or replayed event is acknowledged and never
/// processed twice. Recording is one conditional insert, so two deliveries racing each other still yield one winner,
/// across restarts and across instances of the gateway sharing a store.
/// </summary>
public sealed class WebhookEventLedger(IEntityStore store)
{
    /// <summary>The table events are recorded in.</summary>
    public const string TableName = "webhookevents";

    /// <summary>
    /// Records <paramref name="received"/>, keyed by its id and the day of the change it reports (which every
    /// redelivery repeats). Returns <see langword="false"/> when it was recorded before.
    /// </summary>
    public async Task<bool> TryRecordAsync(WebhookEventRecord received, DateTimeOffset changedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(received);
        var records = new RecordStore(await store.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false));
        try
        {
            await records.PutAsync(RecordKey.WebhookEvent(received.EventId, changedAt), received, ifMatch: null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EntityStoreException exception) when (exception.Error == EntityStoreError.AlreadyExists)
        {
            return false;
        }
    }

    /// <summary>A page of the events whose change happened on <paramref name="day"/> (UTC), in id order.</summary>
    public async Task<RecordPage<WebhookEventRecord>> ListAsync(DateOnly day, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var records = new RecordStore(await store.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false));
        return await records.ListPageAsync<WebhookEventRecord>(RecordKey.WebhookEventPartition(day), continuationToken, pageSize, cancellationToken).ConfigureAwait(false);
    }
}
