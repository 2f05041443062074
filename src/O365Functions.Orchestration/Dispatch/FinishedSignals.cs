using System.Collections.Concurrent;

namespace O365Functions.Orchestration.Dispatch;

/// <summary>
/// Tells waiting clients in this process the moment an instance finishes, so that waiting for a completion costs no
/// polling delay. Clients still poll, slowly, for instances another process finishes.
/// </summary>
internal sealed class FinishedSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>A task that completes when <paramref name="instanceId"/> finishes in this process.</summary>
    public TaskCompletionSource Watch(string instanceId) =>
        _waiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Stops watching, unless the signal came; a waiter still watching registers again on its next look.</summary>
    public void Unwatch(string instanceId, TaskCompletionSource signal)
    {
        if (!signal.Task.IsCompleted)
        {
            _waiters.TryRemove(KeyValuePair.Create(instanceId, signal));
        }
    }

    /// <summary>Wakes everyone waiting for <paramref name="instanceId"/>.</summary>
    public void Finished(string instanceId)
    {
        if (_waiters.TryRemove(instanceId, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
