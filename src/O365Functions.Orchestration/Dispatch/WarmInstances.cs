using O365Functions.Orchestration.History;
using O365Functions.Orchestration.Storage;

namespace O365Functions.Orchestration.Dispatch;

/// <summary>
/// What this runtime knows of the instances it is running, so that the step after an activity needs no store read
/// and the activity's outcome no inbox row: the state and history it last committed, and the activity outcomes
/// handed over in memory since. Durable Functions calls the first half extended sessions.
/// </summary>
/// <remarks>
/// An outcome held here is lost if the process dies before the step that consumes it commits; the call is then still
/// outstanding in the history, and the runtime that resumes the instance runs the activity again, which the
/// at-least-once contract of activities allows. A message this runtime writes to the store inbox (an event, a timer,
/// a sub-workflow's end) invalidates the cached snapshot, so the next step reads the store; a message another process
/// wrote is read when the instance next loads from the store (nothing tells this runtime about it, with or without
/// this cache). Entries are kept only while an activity of the instance is outstanding or an outcome waits, and at
/// most <see cref="Capacity"/> snapshots are held; an instance beyond that simply reads the store.
/// </remarks>
internal sealed class WarmInstances
{
    /// <summary>The most instances whose snapshot is kept; outcomes waiting to be consumed are kept regardless.</summary>
    public const int Capacity = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _snapshots;
    private long _invalidations;

    /// <summary>Hands an activity's outcome to the instance's next step.</summary>
    public void Deliver(string instanceId, HistoryEvent outcome)
    {
        lock (_gate)
        {
            EntryFor(instanceId).Outcomes.Add(outcome);
        }
    }

    /// <summary>A message reached the instance's store inbox: its next step must read the store.</summary>
    public void Invalidate(string instanceId)
    {
        lock (_gate)
        {
            _invalidations++;
            if (_entries.TryGetValue(instanceId, out var entry))
            {
                DropSnapshot(entry);
                entry.Epoch++;
            }
        }
    }

    /// <summary>How many store messages have invalidated snapshots so far; read it before creating an instance.</summary>
    public long Invalidations
    {
        get
        {
            lock (_gate)
            {
                return _invalidations;
            }
        }
    }

    /// <summary>
    /// Records a newly created instance, so its first step needs no read, unless a store message may have reached it
    /// since <paramref name="invalidationsBefore"/> (read before the instance was written).
    /// </summary>
    public void Created(InstanceState state, IReadOnlyList<HistoryEvent> history, long invalidationsBefore)
    {
        lock (_gate)
        {
            if (_invalidations == invalidationsBefore && _snapshots < Capacity && !_entries.ContainsKey(state.InstanceId))
            {
                EntryFor(state.InstanceId).Snapshot = new InstanceSnapshot(state, history, []);
                _snapshots++;
            }
        }
    }

    /// <summary>
    /// What a step starts from: the cached snapshot when it is still valid (null when the store must be read), the
    /// outcomes waiting in memory, and the epoch to hand back to <see cref="Settle"/>.
    /// </summary>
    public WarmStart Take(string instanceId)
    {
        lock (_gate)
        {
            var entry = EntryFor(instanceId);
            return new WarmStart(entry.Snapshot, [.. entry.Outcomes], entry.Epoch);
        }
    }

    /// <summary>
    /// Ends a step: removes the <paramref name="outcomesConsumed"/> outcomes it consumed (the first ones handed over),
    /// and keeps <paramref name="after"/> as the next step's snapshot unless a store message arrived meanwhile. A null
    /// <paramref name="after"/> forgets the snapshot; the entry goes once nothing waits in it.
    /// </summary>
    public void Settle(string instanceId, long epoch, int outcomesConsumed, InstanceSnapshot? after)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(instanceId, out var entry))
            {
                return;
            }

            entry.Outcomes.RemoveRange(0, Math.Min(outcomesConsumed, entry.Outcomes.Count));
            DropSnapshot(entry);
            if (after is not null && entry.Epoch == epoch && _snapshots < Capacity)
            {
                entry.Snapshot = after;
                _snapshots++;
            }

            if (entry.Snapshot is null && entry.Outcomes.Count == 0)
            {
                _entries.Remove(instanceId);
            }
        }
    }

    /// <summary>Forgets an instance that finished or does not exist, outcomes included.</summary>
    public void Remove(string instanceId)
    {
        lock (_gate)
        {
            if (_entries.Remove(instanceId, out var entry))
            {
                DropSnapshot(entry);
            }
        }
    }

    private Entry EntryFor(string instanceId)
    {
        if (!_entries.TryGetValue(instanceId, out var entry))
        {
            entry = new Entry();
            _entries[instanceId] = entry;
        }

        return entry;
    }

    private void DropSnapshot(Entry entry)
    {
        if (entry.Snapshot is not null)
        {
            entry.Snapshot = null;
            _snapshots--;
        }
    }

    private sealed class Entry
    {
        public InstanceSnapshot? Snapshot { get; set; }

        public List<HistoryEvent> Outcomes { get; } = [];

        public long Epoch { get; set; }
    }
}

/// <summary>What a step starts from; see <see cref="WarmInstances.Take"/>.</summary>
internal readonly record struct WarmStart(InstanceSnapshot? Snapshot, IReadOnlyList<HistoryEvent> Outcomes, long Epoch);
