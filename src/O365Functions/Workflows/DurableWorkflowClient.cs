using System.Runtime.CompilerServices;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using O365Functions.Core.Workflows;

namespace O365Functions.FunctionApp.Workflows;

/// <summary>
/// <see cref="IWorkflowClient"/> over Durable Task's <see cref="DurableTaskClient"/>, with the port's meaning where
/// Durable alone differs: starting an existing instance id returns it without starting anything (Durable would reject
/// or replace it depending on the backend); an unknown workflow name, an instance id the embedded runtime could not
/// store, and an event for an instance that never started are refused, as they are locally.
/// </summary>
/// <param name="client">Durable's client, as the Functions binding or a test host gives it.</param>
/// <param name="workflowNames">The registered workflow names (<see cref="Core.Jobs.GatewayJobs"/> on Azure).</param>
public sealed class DurableWorkflowClient(DurableTaskClient client, IReadOnlyCollection<string> workflowNames) : IWorkflowClient
{
    /// <inheritdoc />
    public async Task<string> StartWorkflowAsync(
        string name, object? input = null, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!workflowNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"No workflow named '{name}' is registered. Registered workflows: {string.Join(", ", workflowNames.Order(StringComparer.Ordinal))}.", nameof(name));
        }

        if (options?.InstanceId is { } requested)
        {
            WorkflowInstanceId.Validate(requested);
        }

        if (options?.InstanceId is { } instanceId
            && await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return instanceId;
        }

        try
        {
            // Stamped here as well as by host.json's defaultVersion, so the test host and Azure agree; the tag lets a
            // client read it back (the metadata carries no version).
            var version = options?.Version ?? WorkflowVersions.Current;
            var start = new StartOrchestrationOptions(options?.InstanceId)
            {
                Version = version,
                Tags = new Dictionary<string, string> { [DurableTranslation.VersionTag] = version },
            };
            var scheduled = await client.ScheduleNewOrchestrationInstanceAsync(name, input, start, cancellationToken);
            Core.Telemetry.GatewayTelemetry.WorkflowsStarted.Add(1, new KeyValuePair<string, object?>(Core.Telemetry.GatewayTelemetry.Tags.WorkflowName, name));
            return scheduled;
        }
        catch (Exception) when (options?.InstanceId is not null)
        {
            // Another request may have started the same id between the check and the start.
            if (await client.GetInstanceAsync(options.InstanceId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                return options.InstanceId;
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken) is { } metadata ? DurableTranslation.ToInstance(metadata) : null;

    /// <inheritdoc />
    public async IAsyncEnumerable<WorkflowInstance> GetAllInstancesAsync(WorkflowQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = new OrchestrationQuery(
            CreatedFrom: query?.CreatedFrom,
            CreatedTo: query?.CreatedTo,
            Statuses: query?.Statuses?.Select(DurableTranslation.ToDurableStatus).ToList(),
            InstanceIdPrefix: query?.InstanceIdPrefix,
            FetchInputsAndOutputs: query?.FetchInputsAndOutputs ?? false);
        await foreach (var metadata in client.GetAllInstancesAsync(filter).WithCancellation(cancellationToken))
        {
            yield return DurableTranslation.ToInstance(metadata);
        }
    }

    /// <inheritdoc />
    public async Task<WorkflowInstance> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        DurableTranslation.ToInstance(await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellationToken));

    /// <inheritdoc />
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
        {
            throw new InvalidOperationException($"No workflow instance '{instanceId}' exists. Check the id, or start the workflow first.");
        }

        await client.RaiseEventAsync(instanceId, eventName, eventPayload, cancellationToken);
    }

    /// <inheritdoc />
    public Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default) =>
        client.TerminateInstanceAsync(instanceId, output, cancellationToken);

    /// <inheritdoc />
    public async Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        (await client.PurgeInstanceAsync(instanceId, options: null, cancellationToken)).PurgedInstanceCount;

    /// <inheritdoc />
    public async Task<int> PurgeAllInstancesAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses ?? [WorkflowRuntimeStatus.Completed, WorkflowRuntimeStatus.Failed, WorkflowRuntimeStatus.Terminated])
            .Where(status => status.IsFinished())
            .Select(DurableTranslation.ToDurableStatus)
            .ToList();
        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(filter.CreatedFrom, filter.CreatedTo, statuses), options: null, cancellationToken);
        return result.PurgedInstanceCount;
    }
}
