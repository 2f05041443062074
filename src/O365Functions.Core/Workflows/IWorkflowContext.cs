using Microsoft.Extensions.Logging;

namespace O365Functions.Core.Workflows;

/// <summary>
/// What a workflow may do. Workflow code is replayed from its history after every step and after a restart, so it
/// must be deterministic: take time and GUIDs from here, reach the outside world only through activities, and await
/// only the tasks this context returns (never <c>Task.Delay</c>, <c>Task.Run</c> or <c>ConfigureAwait(false)</c>).
/// Each member maps one-to-one onto Durable Task's <c>TaskOrchestrationContext</c>; the embedded runtime implements
/// the same semantics locally.
/// </summary>
public interface IWorkflowContext
{
    /// <summary>The workflow's registered name.</summary>
    string Name { get; }

    /// <summary>The workflow instance's id.</summary>
    string InstanceId { get; }

    /// <summary>
    /// The version the instance was created with (<see cref="WorkflowVersions"/>), the same for its whole life; empty for
    /// an instance created before versioning. Branch on it with <see cref="WorkflowVersions.IsAtLeast"/>.
    /// </summary>
    string Version { get; }

    /// <summary>The time the current step started, the same on every replay. Use it instead of the clock.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code is re-running steps that already happened.</summary>
    bool IsReplaying { get; }

    /// <summary>The input the instance was started with.</summary>
    T? GetInput<T>();

    /// <summary>Runs the activity <paramref name="name"/> and returns its result; throws <see cref="WorkflowTaskFailedException"/> when it fails for good.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null);

    /// <summary>Runs the activity <paramref name="name"/>; throws <see cref="WorkflowTaskFailedException"/> when it fails for good.</summary>
    Task CallActivityAsync(string name, object? input = null, WorkflowTaskOptions? options = null);

    /// <summary>A durable timer that completes at <paramref name="fireAt"/> (UTC), also across restarts; cancelled with the token.</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that completes after <paramref name="delay"/>, measured from <see cref="CurrentUtcDateTime"/>.</summary>
    Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for the event <paramref name="eventName"/> (case-insensitive) raised by a client. An event raised before
    /// the wait is kept and delivered to the first wait for its name.
    /// </summary>
    Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="WaitForExternalEvent{T}(string, CancellationToken)"/>; the task is cancelled (<see cref="TaskCanceledException"/>) when <paramref name="timeout"/> passes first.</summary>
    Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);

    /// <summary>Publishes a small progress object that clients read with the instance's status.</summary>
    void SetCustomStatus(object? customStatus);

    /// <summary>A GUID that is the same on every replay of this step.</summary>
    Guid NewGuid();

    /// <summary>A logger that writes only when the code is not replaying, so each message appears once.</summary>
    ILogger CreateReplaySafeLogger(string categoryName);
}
