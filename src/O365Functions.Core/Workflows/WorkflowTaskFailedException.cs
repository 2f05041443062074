namespace O365Functions.Core.Workflows;

/// <summary>
/// Thrown inside a workflow when an activity or a sub-workflow it awaited failed for good (after any retries).
/// The original exception is not rethrown because it crossed a storage boundary; its details are in
/// <see cref="FailureDetails"/>. Mirrors Durable Task's <c>TaskFailedException</c>.
/// </summary>
public sealed class WorkflowTaskFailedException : Exception
{
    /// <summary>Creates the exception for the task <paramref name="taskName"/> with sequence number <paramref name="taskId"/>.</summary>
    public WorkflowTaskFailedException(string taskName, int taskId, WorkflowFailureDetails failureDetails)
        : this(taskName, taskId, failureDetails, innerException: null)
    {
    }

    /// <summary>
    /// Creates the exception with the engine's own record of the failure as <paramref name="innerException"/>, so an
    /// engine that records failures from exception chains (Durable Task) keeps the task's cause under this one.
    /// </summary>
    public WorkflowTaskFailedException(string taskName, int taskId, WorkflowFailureDetails failureDetails, Exception? innerException)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails?.ErrorType}: {failureDetails?.ErrorMessage}", innerException)
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The activity or sub-workflow name.</summary>
    public string TaskName { get; }

    /// <summary>The task's sequence number within the workflow's history.</summary>
    public int TaskId { get; }

    /// <summary>What went wrong in the task.</summary>
    public WorkflowFailureDetails FailureDetails { get; }
}
