using System.Runtime.CompilerServices;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.History;
using O365Functions.Orchestration.Storage;

namespace O365Functions.Orchestration;

/// <summary>The embedded runtime's <see cref="IWorkflowClient"/>: reads and writes instances through the runtime's store.</summary>
internal sealed class EmbeddedWorkflowClient(EmbeddedWorkflowRuntime runtime) : IWorkflowClient
{
    private static readonly TimeSpan LongestPollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<string> StartWorkflowAsync(
        string name, object? input = null, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (runtime.Registry.FindWorkflow(name) is null)
        {
            throw new ArgumentException(
                $"No workflow named '{name}' is registered. Registered workflows: {string.Join(", ", runtime.Registry.WorkflowNames.Order())}.", nameof(name));
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        WorkflowInstanceId.Validate(instanceId);
        var serializedInput = WorkflowJson.Serialize(input);
        if (serializedInput is { Length: > InstanceStore.MaxCharactersPerProperty })
        {
            throw new ArgumentException(
                $"The input of '{name}' is {serializedInput.Length} characters of JSON; the limit is {InstanceStore.MaxCharactersPerProperty}. Pass keys to stored data instead.",
                nameof(input));
        }

        await runtime.CreateInstanceAsync(instanceId, name, serializedInput, options?.Version, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    public async Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await runtime.Store.GetStateAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return state?.ToInstance(getInputsAndOutputs);
    }

    public async IAsyncEnumerable<WorkflowInstance> GetAllInstancesAsync(WorkflowQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new WorkflowQuery();
        await foreach (var entry in runtime.Store.ReadIndexAsync(query.InstanceIdPrefix, cancellationToken).ConfigureAwait(false))
        {
            if ((query.CreatedFrom is { } from && entry.CreatedAt < from)
                || (query.CreatedTo is { } to && entry.CreatedAt >= to))
            {
                continue;
            }

            // The index may lag a status change by one write, so the status is read from the instance itself.
            var state = await runtime.Store.GetStateAsync(entry.InstanceId, cancellationToken).ConfigureAwait(false);
            if (state is not null && (query.Statuses is null || query.Statuses.Contains(state.Status)))
            {
                yield return state.ToInstance(query.FetchInputsAndOutputs);
            }
        }
    }

    public async Task<WorkflowInstance> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var interval = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            // Watch before looking, so a finish between the look and the wait is not missed.
            var finished = runtime.Finished.Watch(instanceId);
            try
            {
                var instance = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"No workflow instance '{instanceId}' exists.");
                if (instance.IsCompleted)
                {
                    return instance;
                }

                await Task.WhenAny(finished.Task, Task.Delay(interval, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                runtime.Finished.Unwatch(instanceId, finished);
            }

            interval = interval * 2 < LongestPollInterval ? interval * 2 : LongestPollInterval;
        }
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false) is { IsFinished: true })
        {
            return;
        }

        var message = new HistoryEvent(HistoryEventKind.EventRaised, runtime.Time.GetUtcNow().UtcDateTime)
        {
            Name = eventName,
            Payload = WorkflowJson.Serialize(eventPayload),
            MessageId = $"event-{Guid.NewGuid():N}",
        };
        await runtime.SendAsync(instanceId, message, cancellationToken).ConfigureAwait(false);
    }

    public async Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        if (await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false) is { IsFinished: true })
        {
            return;
        }

        var message = new HistoryEvent(HistoryEventKind.ExecutionTerminated, runtime.Time.GetUtcNow().UtcDateTime)
        {
            Payload = WorkflowJson.Serialize(output),
            MessageId = $"terminate-{Guid.NewGuid():N}",
        };
        await runtime.SendAsync(instanceId, message, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await runtime.Store.PurgeAsync(instanceId, cancellationToken).ConfigureAwait(false) ? 1 : 0;
    }

    public async Task<int> PurgeAllInstancesAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var candidates = new List<string>();
        await foreach (var entry in runtime.Store.ReadFinishedAsync(cancellationToken).ConfigureAwait(false))
        {
            if ((filter.Statuses is null || filter.Statuses.Contains(entry.Status))
                && (filter.CreatedFrom is not { } from || entry.CreatedAt >= from)
                && (filter.CreatedTo is not { } to || entry.CreatedAt < to))
            {
                candidates.Add(entry.InstanceId);
            }
        }

        var purged = 0;
        foreach (var instanceId in candidates)
        {
            purged += await PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }

        return purged;
    }

    private async Task<InstanceState> RequireAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await runtime.Store.GetStateAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No workflow instance '{instanceId}' exists. Check the id, or start the workflow first.");
    }
}
