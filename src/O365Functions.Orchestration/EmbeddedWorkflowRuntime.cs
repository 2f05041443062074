using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using O365Functions.Core.State;
using O365Functions.Core.Telemetry;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.Dispatch;
using O365Functions.Orchestration.History;
using O365Functions.Orchestration.Replay;
using O365Functions.Orchestration.Storage;

namespace O365Functions.Orchestration;

/// <summary>
/// Runs workflows durably in this process, with the semantics Durable Functions gives them on Azure: every step is
/// committed to the entity store before its calls are made, activities run at least once, timers and waits survive
/// restarts, and workflow code is replayed from history on one thread per step. On start it resumes every instance
/// that was running. Disposing it stops work without draining; whatever was in flight is picked up by the next start.
/// </summary>
public sealed partial class EmbeddedWorkflowRuntime : IAsyncDisposable
{
    private const int MaxConflictsPerStep = 10;
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(5);

    private readonly InstanceStore _store;
    private readonly WorkflowRegistry _registry;
    private readonly EmbeddedRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly StepQueue _steps = new();
    private readonly WarmInstances _warm = new();
    private readonly Channel<ActivityWork> _activities = Channel.CreateUnbounded<ActivityWork>();
    private readonly ConcurrentDictionary<(string InstanceId, int TaskId), bool> _callsInFlight = new();
    private readonly List<Task> _workers = [];
    private int _state;

    /// <summary>Creates a runtime over <paramref name="store"/>; call <see cref="StartAsync"/> to begin work.</summary>
    public EmbeddedWorkflowRuntime(
        IEntityStore store,
        WorkflowRegistry registry,
        EmbeddedRuntimeOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        _options = options ?? new EmbeddedRuntimeOptions();
        _options.Validate();
        _store = new InstanceStore(store, _options.TaskHubName);
        _registry = registry;
        _time = timeProvider ?? TimeProvider.System;
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<EmbeddedWorkflowRuntime>();
        Client = new EmbeddedWorkflowClient(this);
    }

    /// <summary>The client for starting and managing instances. It works before <see cref="StartAsync"/>; work waits for the start.</summary>
    public IWorkflowClient Client { get; }

    internal InstanceStore Store => _store;

    internal WorkflowRegistry Registry => _registry;

    internal TimeProvider Time => _time;

    internal FinishedSignals Finished { get; } = new();

    private CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts the step and activity workers and resumes every instance that has not finished.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The runtime was already started. Create a new runtime to start again.");
        }

        for (var i = 0; i < _options.MaxConcurrentWorkflows; i++)
        {
            _workers.Add(Task.Run(RunStepWorkerAsync, CancellationToken.None));
        }

        for (var i = 0; i < _options.MaxConcurrentActivities; i++)
        {
            _workers.Add(Task.Run(RunActivityWorkerAsync, CancellationToken.None));
        }

        GatewayTelemetry.ObserveBacklog(() => _steps.Reader.Count + _activities.Reader.Count);

        // Disposal during start-up stops the resume as well as the workers.
        using var resuming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Stopping);
        var resumed = await ResumeAllAsync(resuming.Token).ConfigureAwait(false);
        LogResumed(resumed);
        if (_options.CompletedHistoryRetention is not null && Volatile.Read(ref _state) == 1)
        {
            _workers.Add(Task.Run(RunPurgeWorkerAsync, CancellationToken.None));
        }
    }

    /// <summary>
    /// Purges the finished instances whose last change is older than <see cref="EmbeddedRuntimeOptions.CompletedHistoryRetention"/>;
    /// returns how many. The runtime calls it every <see cref="EmbeddedRuntimeOptions.PurgeInterval"/>.
    /// </summary>
    public async Task<int> PurgeExpiredInstancesAsync(CancellationToken cancellationToken = default)
    {
        if (_options.CompletedHistoryRetention is not { } retention)
        {
            return 0;
        }

        var cutoff = _time.GetUtcNow() - retention;
        var purged = 0;
        await foreach (var entry in _store.ReadFinishedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (entry.LastUpdatedAt <= cutoff && await _store.PurgeAsync(entry.InstanceId, cancellationToken).ConfigureAwait(false))
            {
                purged++;
            }
        }

        return purged;
    }

    /// <summary>Stops the workers without waiting for work in flight to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _steps.Complete();
        _activities.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogWorkersDidNotStop();
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// Creates an instance unless one with its id exists, stamped with <paramref name="version"/> (this runtime's
    /// when null); queues its first step when it was created.
    /// </summary>
    internal async Task<bool> CreateInstanceAsync(
        string instanceId, string name, string? input, string? version, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var state = new InstanceState
        {
            InstanceId = instanceId,
            Name = name,
            Status = WorkflowRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Episodes = 1,
            Version = version ?? _options.WorkflowVersion,
            Input = input,
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } creator ? creator.Id : null,
        };
        var started = new HistoryEvent(HistoryEventKind.ExecutionStarted, now.UtcDateTime) { Name = name, Payload = input };
        var invalidations = _warm.Invalidations;
        if (await _store.CreateAsync(state, started, cancellationToken).ConfigureAwait(false) is not { } created)
        {
            return false;
        }

        _warm.Created(created, [started], invalidations);
        _steps.Enqueue(instanceId);
        GatewayTelemetry.WorkflowsStarted.Add(1, new KeyValuePair<string, object?>(GatewayTelemetry.Tags.WorkflowName, name));
        return true;
    }

    /// <summary>Puts a message in an instance's inbox and queues a step to consume it.</summary>
    internal async Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        await _store.AppendMessageAsync(instanceId, message, cancellationToken).ConfigureAwait(false);
        _warm.Invalidate(instanceId);
        _steps.Enqueue(instanceId);
    }

    private async Task<int> ResumeAllAsync(CancellationToken cancellationToken)
    {
        var unfinished = new List<IndexEntry>();
        await foreach (var entry in _store.ReadIndexAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!entry.IsFinished)
            {
                unfinished.Add(entry);
            }
        }

        var resumed = 0;
        await Parallel.ForEachAsync(
            unfinished,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                if (await ResumeAsync(entry, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref resumed);
                }
            }).ConfigureAwait(false);
        return resumed;
    }

    private async Task<bool> ResumeAsync(IndexEntry entry, CancellationToken cancellationToken)
    {
        var snapshot = await _store.LoadAsync(entry.InstanceId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            // The index line is written before the instance; a line this old belongs to a start that never finished.
            if (_time.GetUtcNow() - entry.CreatedAt > OrphanAge)
            {
                await _store.DeleteIndexAsync(entry.InstanceId, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        if (snapshot.State.IsFinished)
        {
            await _store.WriteIndexAsync(InstanceStore.IndexOf(snapshot.State), cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (IsNewer(snapshot.State))
        {
            // Its activities and timers may not exist in this code: a newer runtime resumes it.
            LogLeftForNewer(entry.InstanceId, snapshot.State.Version!, _options.WorkflowVersion);
            return false;
        }

        foreach (var call in InboxTriage.OutstandingCalls(snapshot))
        {
            Dispatch(entry.InstanceId, call, snapshot.State.TraceParent);
        }

        _steps.Enqueue(entry.InstanceId);
        return true;
    }

    private void Dispatch(string instanceId, HistoryEvent call, string? traceParent)
    {
        if (!_callsInFlight.TryAdd((instanceId, call.TaskId), true))
        {
            return;
        }

        switch (call.Kind)
        {
            case HistoryEventKind.TaskScheduled:
                _activities.Writer.TryWrite(new ActivityWork(instanceId, call.TaskId, call.Name ?? string.Empty, call.Payload, traceParent));
                break;
            case HistoryEventKind.TimerCreated:
                _ = FireTimerAsync(instanceId, call.TaskId, call.FireAt ?? DateTime.MinValue);
                break;
        }
    }

    private async Task RunStepWorkerAsync()
    {
        var reader = _steps.Reader;
        try
        {
            while (await reader.WaitToReadAsync(Stopping).ConfigureAwait(false))
            {
                while (!Stopping.IsCancellationRequested && reader.TryRead(out var instanceId))
                {
                    _steps.Begin(instanceId);
                    try
                    {
                        await RunStepsAsync(instanceId).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !Stopping.IsCancellationRequested)
                    {
                        LogStepFailed(exception, instanceId);
                        _ = RetryLaterAsync(instanceId);
                    }
                    finally
                    {
                        _steps.End(instanceId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RetryLaterAsync(string instanceId)
    {
        try
        {
            await Task.Delay(_options.StoreRetryDelay, _time, Stopping).ConfigureAwait(false);
            _steps.Enqueue(instanceId);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Takes steps for one instance until its inbox holds nothing it can consume.</summary>
    private async Task RunStepsAsync(string instanceId)
    {
        var conflicts = 0;
        while (true)
        {
            var start = _warm.Take(instanceId);
            var stored = start.Snapshot ?? await _store.LoadAsync(instanceId, Stopping).ConfigureAwait(false);
            if (stored is null)
            {
                _warm.Remove(instanceId);
                return;
            }

            var snapshot = start.Outcomes.Count == 0
                ? stored
                : stored with { Inbox = [.. stored.Inbox, .. start.Outcomes.Select(outcome => new InboxMessage(null, outcome))] };
            var (accepted, consumed) = InboxTriage.Sort(snapshot, _options.MaxMessagesPerStep);
            var outcomesConsumed = consumed.Count(message => !message.IsStored);
            var previous = snapshot.State;
            if (IsNewer(previous))
            {
                // Created by a newer release: its messages stay in the inbox for a runtime that knows its steps.
                _warm.Remove(instanceId);
                LogLeftForNewer(instanceId, previous.Version!, _options.WorkflowVersion);
                return;
            }

            if (previous.IsFinished || (previous.Status != WorkflowRuntimeStatus.Pending && accepted.Count == 0))
            {
                await _store.DeleteMessagesAsync(instanceId, consumed, Stopping).ConfigureAwait(false);
                if (previous.IsFinished)
                {
                    _warm.Remove(instanceId);
                }
                else
                {
                    Settle(instanceId, start, outcomesConsumed, stored with { Inbox = [.. stored.Inbox.Except(consumed)] });
                }

                return;
            }

            var now = _time.GetUtcNow();
            var events = new List<HistoryEvent>(accepted.Count + 4) { new(HistoryEventKind.OrchestratorStarted, now.UtcDateTime) };
            events.AddRange(accepted);
            var outcome = Decide(snapshot, events);
            events.AddRange(outcome.NewActions);
            if (outcome.Status != WorkflowRuntimeStatus.Running)
            {
                events.Add(new HistoryEvent(HistoryEventKind.ExecutionCompleted, now.UtcDateTime) { Payload = outcome.Output, Failure = outcome.Failure });
            }

            var next = previous with
            {
                Status = outcome.Status,
                LastUpdatedAt = now,
                Output = outcome.Output,
                Failure = outcome.Failure,
                CustomStatus = outcome.CustomStatus ?? previous.CustomStatus,
            };

            InstanceState committed;
            try
            {
                committed = await _store.CommitStepAsync(previous, next, events, consumed, Stopping).ConfigureAwait(false);
            }
            catch (EntityStoreException exception) when (exception.Error is EntityStoreError.PreconditionFailed or EntityStoreError.NotFound or EntityStoreError.AlreadyExists)
            {
                // Another runtime took this step first; read what it wrote and go on from there. A conflict that
                // keeps coming back is not a race, so it goes to the worker's failure handling instead.
                _warm.Invalidate(instanceId);
                if (++conflicts == MaxConflictsPerStep)
                {
                    throw;
                }

                continue;
            }

            if (committed.IsFinished)
            {
                _warm.Remove(instanceId);

                // The index tells recovery and purge whether an instance finished; no other status change is news to it.
                await _store.WriteIndexAsync(InstanceStore.IndexOf(committed), Stopping).ConfigureAwait(false);
                Finished.Finished(instanceId);
                RecordFinished(committed);
                return;
            }

            Settle(instanceId, start, outcomesConsumed, new InstanceSnapshot(committed, [.. stored.History, .. events], [.. stored.Inbox.Except(consumed)]));
            foreach (var call in outcome.NewActions)
            {
                Dispatch(instanceId, call, committed.TraceParent);
            }

            if (consumed.Count == snapshot.Inbox.Count)
            {
                return;
            }
        }
    }

    /// <summary>Whether the instance was created by a newer release than this runtime runs (Durable's <c>CurrentOrOlder</c>).</summary>
    private bool IsNewer(InstanceState state) => Core.Workflows.WorkflowVersions.Compare(state.Version, _options.WorkflowVersion) > 0;

    /// <summary>Ends a step's use of the warm instances; its result is kept for the next step while an activity is outstanding.</summary>
    private void Settle(string instanceId, WarmStart start, int outcomesConsumed, InstanceSnapshot after) =>
        _warm.Settle(instanceId, start.Epoch, outcomesConsumed, InboxTriage.OutstandingActivities(after) ? after : null);

    private StepOutcome Decide(InstanceSnapshot snapshot, List<HistoryEvent> events)
    {
        var state = snapshot.State;
        if (events.FirstOrDefault(e => e.Kind == HistoryEventKind.ExecutionTerminated) is { } termination)
        {
            return new StepOutcome([], WorkflowRuntimeStatus.Terminated, state.CustomStatus) { Output = termination.Payload };
        }

        if (_registry.FindWorkflow(state.Name) is not { } workflow)
        {
            return new StepOutcome([], WorkflowRuntimeStatus.Failed, state.CustomStatus)
            {
                Failure = new WorkflowFailureDetails(
                    typeof(InvalidOperationException).FullName!,
                    $"No workflow named '{state.Name}' is registered with this runtime. Register it, then restart the runtime to resume '{state.InstanceId}'."),
            };
        }

        var outcome = WorkflowReplayer.Run(workflow, state.Name, state.InstanceId, state.Version, state.Input, snapshot.History, events, _loggers);
        return (TooLarge(outcome.Output, "output") ?? TooLarge(outcome.CustomStatus, "custom status")) is { } failure
            ? new StepOutcome([], WorkflowRuntimeStatus.Failed, null) { Failure = failure }
            : outcome;

        WorkflowFailureDetails? TooLarge(string? json, string what) => json is { Length: > InstanceStore.MaxCharactersPerProperty }
            ? new WorkflowFailureDetails(
                typeof(InvalidOperationException).FullName!,
                $"Workflow '{state.Name}' ({state.InstanceId}) produced a {what} of {json.Length} characters; the limit is {InstanceStore.MaxCharactersPerProperty}. Keep large data in the entity store and return its key.")
            : null;
    }

    private async Task FireTimerAsync(string instanceId, int taskId, DateTime fireAt)
    {
        try
        {
            var due = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
            for (var remaining = due - _time.GetUtcNow(); remaining > TimeSpan.Zero; remaining = due - _time.GetUtcNow())
            {
                // Task.Delay accepts at most about 49 days; renewal-reminder timers can be longer.
                await Task.Delay(remaining < TimeSpan.FromDays(1) ? remaining : TimeSpan.FromDays(1), _time, Stopping).ConfigureAwait(false);
            }

            var fired = new HistoryEvent(HistoryEventKind.TimerFired, _time.GetUtcNow().UtcDateTime) { TaskId = taskId, FireAt = fireAt, MessageId = $"timer-{taskId}" };
            await WithStoreRetryAsync(() => SendAsync(instanceId, fired, Stopping)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
        }
        finally
        {
            _callsInFlight.TryRemove((instanceId, taskId), out _);
        }
    }

    private async Task RunActivityWorkerAsync()
    {
        var reader = _activities.Reader;
        try
        {
            while (await reader.WaitToReadAsync(Stopping).ConfigureAwait(false))
            {
                while (!Stopping.IsCancellationRequested && reader.TryRead(out var work))
                {
                    try
                    {
                        await RunActivityAsync(work).ConfigureAwait(false);
                    }
                    finally
                    {
                        _callsInFlight.TryRemove((work.InstanceId, work.TaskId), out _);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RunActivityAsync(ActivityWork work)
    {
        HistoryEvent outcome;
        using var span = GatewayTelemetry.Source.StartActivity($"step {work.Name}", ActivityKind.Internal, work.TraceParent);
        span?.SetTag(GatewayTelemetry.Tags.WorkflowInstanceId, work.InstanceId);
        span?.SetTag(GatewayTelemetry.Tags.WorkflowName, work.Name);
        try
        {
            var activity = _registry.FindActivity(work.Name)
                ?? throw new InvalidOperationException($"No activity named '{work.Name}' is registered with this runtime.");
            var result = await activity(work.Input, Stopping).ConfigureAwait(false);
            outcome = new HistoryEvent(HistoryEventKind.TaskCompleted, _time.GetUtcNow().UtcDateTime) { Payload = result };
        }
        catch (Exception exception) when (!Stopping.IsCancellationRequested)
        {
            outcome = new HistoryEvent(HistoryEventKind.TaskFailed, _time.GetUtcNow().UtcDateTime) { Failure = WorkflowFailureDetails.FromException(exception) };
            span?.SetStatus(ActivityStatusCode.Error, exception.Message);
        }

        _warm.Deliver(work.InstanceId, outcome with { TaskId = work.TaskId, MessageId = $"task-{work.TaskId}" });
        _steps.Enqueue(work.InstanceId);
    }

    /// <summary>
    /// The workflow's span, from its creation to its end, in the trace of the request that created it (written once it
    /// ended: a span cannot outlive a process, and a workflow may), and the count of workflows completed or failed.
    /// </summary>
    private static void RecordFinished(InstanceState finished)
    {
        var name = new KeyValuePair<string, object?>(GatewayTelemetry.Tags.WorkflowName, finished.Name);
        (finished.Status == WorkflowRuntimeStatus.Completed ? GatewayTelemetry.WorkflowsCompleted : GatewayTelemetry.WorkflowsFailed).Add(1, name);
        using var span = GatewayTelemetry.Source.StartActivity(
            $"workflow {finished.Name}", ActivityKind.Internal, finished.TraceParent, startTime: finished.CreatedAt);
        span?.SetTag(GatewayTelemetry.Tags.WorkflowInstanceId, finished.InstanceId);
        span?.SetTag(GatewayTelemetry.Tags.WorkflowName, finished.Name);
        if (finished.Status != WorkflowRuntimeStatus.Completed)
        {
            span?.SetStatus(ActivityStatusCode.Error, finished.Failure?.ErrorMessage ?? finished.Status.ToString());
        }
    }

    private async Task RunPurgeWorkerAsync()
    {
        try
        {
            while (!Stopping.IsCancellationRequested)
            {
                try
                {
                    var purged = await PurgeExpiredInstancesAsync(Stopping).ConfigureAwait(false);
                    LogPurged(purged);
                }
                catch (EntityStoreException exception)
                {
                    LogPurgeFailed(exception);
                }

                await Task.Delay(_options.PurgeInterval, _time, Stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Repeats a write the runtime cannot give up on until the store takes it or the runtime stops.</summary>
    private async Task WithStoreRetryAsync(Func<Task> write)
    {
        while (true)
        {
            try
            {
                await write().ConfigureAwait(false);
                return;
            }
            catch (EntityStoreException exception) when (exception.Error == EntityStoreError.Unavailable && !Stopping.IsCancellationRequested)
            {
                LogStoreUnavailable(exception);
                await Task.Delay(_options.StoreRetryDelay, _time, Stopping).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow instance {InstanceId} was created at workflow version {Version}, newer than this runtime's {RuntimeVersion}; it waits for a gateway of that release.")]
    private partial void LogLeftForNewer(string instanceId, string version, string runtimeVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} unfinished workflow instances.")]
    private partial void LogResumed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A step of workflow instance {InstanceId} failed; it will be tried again.")]
    private partial void LogStepFailed(Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The entity store is unavailable; retrying.")]
    private partial void LogStoreUnavailable(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} finished workflow instances past their retention.")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging finished workflow instances failed; the next round tries again.")]
    private partial void LogPurgeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime workers did not stop within 10 seconds; an activity is ignoring cancellation.")]
    private partial void LogWorkersDidNotStop();
}
