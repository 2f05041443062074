using O365Functions.Core.Workflows;

namespace O365Functions.Api.Operations;

/// <summary>An operation's status as the operator routes and the console write it.</summary>
internal static class OperationStatus
{
    /// <summary><c>waiting</c> while a recorded operation has no workflow (a pause holds it back), else the workflow's status in lower case.</summary>
    public static string Of(WorkflowInstance? workflow) => workflow is null ? "waiting" : Word(workflow.RuntimeStatus);

    /// <summary>A workflow status in lower case (<c>running</c>, <c>failed</c>...).</summary>
    public static string Word(WorkflowRuntimeStatus status) => status.ToString().ToLowerInvariant();
}
