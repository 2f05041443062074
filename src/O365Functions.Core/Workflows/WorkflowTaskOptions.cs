namespace O365Functions.Core.Workflows;

/// <summary>Options for one activity or sub-workflow call. Mirrors Durable Task's <c>TaskOptions</c>.</summary>
/// <param name="Retry">The retry policy; the call is attempted once when null.</param>
public record WorkflowTaskOptions(WorkflowRetryPolicy? Retry = null)
{
    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static WorkflowTaskOptions FromRetryPolicy(WorkflowRetryPolicy policy) => new(policy);

    /// <summary>The same options, for a sub-workflow started with the instance id <paramref name="instanceId"/>.</summary>
    public SubWorkflowOptions WithInstanceId(string instanceId) => new(Retry, instanceId);
}
