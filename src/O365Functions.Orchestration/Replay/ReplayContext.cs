using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.History;

namespace O365Functions.Orchestration.Replay;

/// <summary>
/// The embedded runtime's <see cref="IWorkflowContext"/> for one replay. Each call the workflow makes gets the next
/// sequence number and is checked against the history: a call already in the history must be the same call, and
/// its outcome is delivered when the replay reaches it; a call not yet in the history becomes a new action.
/// </summary>
internal sealed class ReplayContext : IWorkflowContext
{
    private readonly IReadOnlyDictionary<int, HistoryEvent> _pastCalls;
    private readonly Dictionary<int, PendingCall> _pending = [];
    private readonly Dictionary<string, Queue<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _unclaimedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _newActions = [];
    private readonly string? _input;
    private readonly ILoggerFactory _loggers;
    private int _nextTaskId;
    private int _guidCount;

    public ReplayContext(string name, string instanceId, string? version, string? input, IReadOnlyDictionary<int, HistoryEvent> pastCalls, ILoggerFactory loggers)
    {
        Name = name;
        InstanceId = instanceId;
        Version = version ?? string.Empty;
        _input = input;
        _pastCalls = pastCalls;
        _loggers = loggers;
    }

    public string Name { get; }

    public string InstanceId { get; }

    public string Version { get; }

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; set; }

    public string? CustomStatus { get; private set; }

    /// <summary>Why the replay did not match the history, once it did not.</summary>
    public string? Mismatch { get; private set; }

    /// <summary>How many calls the code has made so far in this replay.</summary>
    public int CallCount => _nextTaskId;

    public IReadOnlyList<HistoryEvent> NewActions => _newActions;

    public T? GetInput<T>() => WorkflowJson.Deserialize<T>(_input);

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        WorkflowJson.Deserialize<TResult>(await CallActivityCoreAsync(name, input, options))!;

    public Task CallActivityAsync(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        CallActivityCoreAsync(name, input, options);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var call = new HistoryEvent(HistoryEventKind.TimerCreated, CurrentUtcDateTime)
        {
            FireAt = fireAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(fireAt, DateTimeKind.Utc) : fireAt.ToUniversalTime(),
        };
        var pending = Schedule(call);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => pending.TrySetCanceled(cancellationToken));
        }

        return pending.Task;
    }

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    public async Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (_unclaimedEvents.TryGetValue(eventName, out var unclaimed) && unclaimed.TryDequeue(out var payload))
        {
            return WorkflowJson.Deserialize<T>(payload)!;
        }

        var waiter = new TaskCompletionSource<string?>();
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        }

        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            _waiters[eventName] = waiters = new Queue<TaskCompletionSource<string?>>();
        }

        waiters.Enqueue(waiter);
        return WorkflowJson.Deserialize<T>(await waiter.Task)!;
    }

    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var stopWaiting = new CancellationTokenSource();
        using var stopTimer = new CancellationTokenSource();
        var received = WaitForExternalEvent<T>(eventName, stopWaiting.Token);
        var timer = CreateTimer(timeout, stopTimer.Token);
        // Cancel synchronously: CancelAsync would resume this code on the thread pool, outside the replay.
        if (await Task.WhenAny(received, timer) == received)
        {
            stopTimer.Cancel();
            return await received;
        }

        stopWaiting.Cancel();
        throw new TaskCanceledException($"The event '{eventName}' did not arrive within {timeout}.");
    }

    public void SetCustomStatus(object? customStatus) => CustomStatus = WorkflowJson.Serialize(customStatus);

    public Guid NewGuid()
    {
        // Name-based (RFC 4122 section 4.3 layout) from the instance id and a counter, so every replay gets the same GUIDs.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{InstanceId}\n{_guidCount++}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, _loggers.CreateLogger(categoryName));

    /// <summary>Plays one history event into the workflow: sets the step time, or delivers a call's outcome or an event.</summary>
    public void Apply(HistoryEvent historyEvent)
    {
        switch (historyEvent.Kind)
        {
            case HistoryEventKind.OrchestratorStarted:
                CurrentUtcDateTime = historyEvent.Timestamp;
                break;
            case HistoryEventKind.TaskCompleted:
                Resolve(historyEvent, call => call.TrySetResult(historyEvent.Payload));
                break;
            case HistoryEventKind.TimerFired:
                Resolve(historyEvent, call => call.TrySetResult(null));
                break;
            case HistoryEventKind.TaskFailed:
                Resolve(historyEvent, call => call.TrySetException(
                    new WorkflowTaskFailedException(call.Name, historyEvent.TaskId, historyEvent.Failure ?? new WorkflowFailureDetails("Unknown", "No failure details were stored."))));
                break;
            case HistoryEventKind.EventRaised:
                Deliver(historyEvent.Name ?? string.Empty, historyEvent.Payload);
                break;
        }
    }

    private Task<string?> CallActivityCoreAsync(string name, object? input, WorkflowTaskOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var payload = WorkflowJson.Serialize(input);
        return WithRetry(
            _ => Schedule(new HistoryEvent(HistoryEventKind.TaskScheduled, CurrentUtcDateTime) { Name = name, Payload = payload }).Task,
            options?.Retry);
    }

    private async Task<string?> WithRetry(Func<int, Task<string?>> attempt, WorkflowRetryPolicy? policy)
    {
        var firstAttemptAt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(number);
            }
            catch (WorkflowTaskFailedException failure) when (policy is not null)
            {
                var delay = policy.DelayBefore(number + 1, failure.FailureDetails, CurrentUtcDateTime - firstAttemptAt);
                if (delay is null)
                {
                    throw;
                }

                await CreateTimer(delay.Value, CancellationToken.None);
            }
        }
    }

    private PendingCall Schedule(HistoryEvent call)
    {
        var taskId = _nextTaskId++;
        call = call with { TaskId = taskId };
        if (_pastCalls.TryGetValue(taskId, out var recorded))
        {
            if (recorded.Kind != call.Kind || !string.Equals(recorded.Name, call.Name, StringComparison.OrdinalIgnoreCase))
            {
                FailReplay($"Call #{taskId} of workflow '{Name}' ({InstanceId}) is now {Describe(call)}, but its history records {Describe(recorded)}. " +
                    "Workflow code must make the same calls in the same order on every replay; deploy changed workflows under a new name.");
            }
        }
        else if (IsReplaying)
        {
            FailReplay($"Workflow '{Name}' ({InstanceId}) made call #{taskId} ({Describe(call)}) while replaying steps whose history has no such call. " +
                "Take time and GUIDs from the workflow context and do I/O only in activities.");
        }
        else
        {
            _newActions.Add(call);
        }

        var pending = new PendingCall(call.Name ?? "timer");
        _pending[taskId] = pending;
        return pending;
    }

    private void Resolve(HistoryEvent outcome, Action<PendingCall> complete)
    {
        if (_pending.Remove(outcome.TaskId, out var call))
        {
            complete(call);
            return;
        }

        FailReplay($"The history of workflow '{Name}' ({InstanceId}) has an outcome for call #{outcome.TaskId}, which the code did not make on replay.");
    }

    private void Deliver(string eventName, string? payload)
    {
        if (_waiters.TryGetValue(eventName, out var waiters))
        {
            while (waiters.TryDequeue(out var waiter))
            {
                if (waiter.TrySetResult(payload))
                {
                    return;
                }
            }
        }

        if (!_unclaimedEvents.TryGetValue(eventName, out var unclaimed))
        {
            _unclaimedEvents[eventName] = unclaimed = new Queue<string?>();
        }

        unclaimed.Enqueue(payload);
    }

    private void FailReplay(string message)
    {
        Mismatch ??= message;
        throw new NonDeterministicWorkflowException(message);
    }

    private static string Describe(HistoryEvent call) => call.Kind switch
    {
        HistoryEventKind.TaskScheduled => $"activity '{call.Name}'",
        _ => "a timer",
    };

    /// <summary>A call waiting for its outcome.</summary>
    private sealed class PendingCall(string name) : TaskCompletionSource<string?>
    {
        public string Name { get; } = name;
    }

    private sealed class ReplaySafeLogger(ReplayContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
