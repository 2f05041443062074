using O365Functions.Core.State.Records;

namespace O365Functions.Api.Operations;

/// <summary>
/// The pause switch, kept in the store so every gateway instance and host sees it. Read at most once a second per
/// process: a pause takes effect for new work within a second, and APS requests do not each pay for a read.
/// </summary>
public sealed class GatewayControl(GatewayRecords records, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private Reading? _cached;

    /// <summary>The switch as last read (null: never thrown, so running).</summary>
    public async Task<GatewayControlRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cached) is { } cached && time.GetUtcNow() - cached.ReadAt < Freshness)
        {
            return cached.Control;
        }

        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var control = (await store.GetAsync<GatewayControlRecord>(RecordKey.GatewayControl, cancellationToken).ConfigureAwait(false))?.Record;
        Volatile.Write(ref _cached, new Reading(control, time.GetUtcNow()));
        return control;
    }

    /// <summary>Whether new workflows are held back now.</summary>
    public async Task<bool> IsPausedAsync(CancellationToken cancellationToken) => (await ReadAsync(cancellationToken).ConfigureAwait(false))?.Paused == true;

    /// <summary>Throws the switch.</summary>
    public async Task<GatewayControlRecord> SetAsync(bool paused, string? reason, CancellationToken cancellationToken)
    {
        var control = new GatewayControlRecord(paused, time.GetUtcNow(), reason);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        await store.UpsertAsync(RecordKey.GatewayControl, control, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _cached, new Reading(control, time.GetUtcNow()));
        return control;
    }

    /// <summary>One read of the switch, swapped whole, so concurrent requests never see a half-written one.</summary>
    private sealed record Reading(GatewayControlRecord? Control, DateTimeOffset ReadAt);
}
