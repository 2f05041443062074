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
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails?.ErrorType}: {failureDetails?.ErrorMessage}")
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
