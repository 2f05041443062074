namespace O365Functions.Core.Workflows;

/// <summary>
/// Starts and manages workflow instances from outside a workflow (HTTP handlers, webhooks, timers). Each member maps
/// one-to-one onto Durable Task's <c>DurableTaskClient</c>; the embedded runtime implements the same semantics locally.
/// </summary>
public interface IWorkflowClient
{
    /// <summary>
    /// Starts the workflow <paramref name="name"/> and returns its instance id. When <see cref="WorkflowStartOptions.InstanceId"/>
    /// names an instance that already exists, that id is returned and nothing is started, which makes a repeated
    /// request from the APS controller harmless.
    /// </summary>
    Task<string> StartWorkflowAsync(
        string name, object? input = null, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The instance's status, custom status, and (when asked) input and output; null when there is no such instance.</summary>
    Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Instances matching <paramref name="query"/>, in no particular order (engines differ; sort if order matters).</summary>
    IAsyncEnumerable<WorkflowInstance> GetAllInstancesAsync(WorkflowQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance is completed, failed or terminated; cancel the token to stop waiting.</summary>
    Task<WorkflowInstance> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers the event <paramref name="eventName"/> to the instance; an event for a finished instance is dropped, and
    /// one for an instance that does not exist is refused with <see cref="InvalidOperationException"/>.
    /// </summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Stops a running instance; its status becomes <see cref="WorkflowRuntimeStatus.Terminated"/> with <paramref name="output"/>.</summary>
    Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished instance and its history; returns how many instances were deleted (0 or 1).</summary>
    Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the finished instances that match <paramref name="filter"/> and their history; returns how many.</summary>
    Task<int> PurgeAllInstancesAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken = default);
}
