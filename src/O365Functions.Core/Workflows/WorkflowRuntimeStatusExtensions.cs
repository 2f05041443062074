namespace O365Functions.Core.Workflows;

/// <summary>Questions about <see cref="WorkflowRuntimeStatus"/> asked in more than one place.</summary>
public static class WorkflowRuntimeStatusExtensions
{
    /// <summary>True for the states an instance never leaves: completed, failed, terminated.</summary>
    public static bool IsFinished(this WorkflowRuntimeStatus status) =>
        status is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;
}
