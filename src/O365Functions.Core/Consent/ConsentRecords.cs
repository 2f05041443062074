using O365Functions.Core.State;
using O365Functions.Core.State.Records;

namespace O365Functions.Core.Consent;

/// <summary>Writes the outcome of a consent check into the instance's token record, on top of whatever a concurrent writer wrote.</summary>
public static class ConsentRecords
{
    /// <summary>
    /// Whether the instance's last token exchange succeeded: the timers work only for such instances, since for the
    /// others (no token yet, consent gone) a person must act and asking Microsoft again would only repeat the refusal.
    /// </summary>
    public static async Task<bool> IsAuthenticatedAsync(RecordStore store, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var token = await store.GetAsync<TokenMetadataRecord>(RecordKey.TokenMetadata(instanceId), cancellationToken).ConfigureAwait(false);
        return token?.Record.Status == ConsentStatus.Authenticated;
    }

    /// <summary>Records <paramref name="check"/> for <paramref name="instanceId"/> at <paramref name="now"/>; returns the status it replaced.</summary>
    public static async Task<ConsentStatus?> RecordAsync(GatewayRecords records, string instanceId, ConsentCheck check, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(check);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.TokenMetadata(instanceId);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await store.GetAsync<TokenMetadataRecord>(key, cancellationToken).ConfigureAwait(false);
            var previous = stored?.Record;
            var updated = new TokenMetadataRecord(
                instanceId,
                check.Status == ConsentStatus.Authenticated ? now : previous?.LastUsed,
                check.Rotated ? now : previous?.LastRotated,
                check.Status,
                check.Detail);
            try
            {
                await store.PutAsync(key, updated, stored?.ETag, cancellationToken).ConfigureAwait(false);
                if (updated.LastUsed is { } used)
                {
                    Telemetry.GatewayTelemetry.TokenUsed(instanceId, used);
                }

                return previous?.Status;
            }
            catch (EntityStoreException conflict) when (attempt < 3 && conflict.Error is EntityStoreError.AlreadyExists or EntityStoreError.PreconditionFailed)
            {
                // Another writer got there first: read again and write on top of what it wrote.
            }
        }
    }
}
