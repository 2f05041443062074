using System.Threading.Channels;

namespace O365Functions.Orchestration.Dispatch;

/// <summary>
/// The instances that have something to do, each at most once in the queue and never taken by two step workers at
/// the same time. Work for an instance that arrives while it takes a step queues it again when the step ends.
/// </summary>
internal sealed class StepQueue
{
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private enum Slot
    {
        Queued,
        Running,
        RunningAndQueued,
    }

    public ChannelReader<string> Reader => _ready.Reader;

    public void Enqueue(string instanceId)
    {
        lock (_gate)
        {
            if (_slots.TryGetValue(instanceId, out var slot))
            {
                if (slot == Slot.Running)
                {
                    _slots[instanceId] = Slot.RunningAndQueued;
                }

                return;
            }

            _slots[instanceId] = Slot.Queued;
        }

        _ready.Writer.TryWrite(instanceId);
    }

    /// <summary>Marks a dequeued instance as taking a step.</summary>
    public void Begin(string instanceId)
    {
        lock (_gate)
        {
            _slots[instanceId] = Slot.Running;
        }
    }

    /// <summary>Marks the step as finished, queueing the instance again when work arrived meanwhile.</summary>
    public void End(string instanceId)
    {
        lock (_gate)
        {
            if (_slots.GetValueOrDefault(instanceId) != Slot.RunningAndQueued)
            {
                _slots.Remove(instanceId);
                return;
            }

            _slots[instanceId] = Slot.Queued;
        }

        _ready.Writer.TryWrite(instanceId);
    }

    public void Complete() => _ready.Writer.TryComplete();
}
