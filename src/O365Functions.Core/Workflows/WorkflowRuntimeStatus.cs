namespace O365Functions.Core.Workflows;

/// <summary>
/// Where a workflow instance is in its life. The names and meanings are Durable Task's
/// <c>OrchestrationRuntimeStatus</c>, without its obsolete members, so the Azure adapter maps them by name.
/// </summary>
public enum WorkflowRuntimeStatus
{
    /// <summary>Scheduled; no step has run yet.</summary>
    Pending,

    /// <summary>At least one step has run and the workflow has not finished.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Finished because the workflow code threw; see the failure details.</summary>
    Failed,

    /// <summary>Stopped by a client before it finished.</summary>
    Terminated,

    /// <summary>Paused by a client (Durable Task only; the embedded runtime never reports it).</summary>
    Suspended,
}
