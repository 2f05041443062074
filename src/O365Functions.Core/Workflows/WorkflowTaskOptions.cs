namespace O365Functions.Core.Workflows;

/// <summary>Options for one activity call. Mirrors Durable Task's <c>TaskOptions</c>.</summary>
/// <param name="Retry">The retry policy; the call is attempted once when null.</param>
public record WorkflowTaskOptions(WorkflowRetryPolicy? Retry = null)
{
    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static WorkflowTaskOptions FromRetryPolicy(WorkflowRetryPolicy policy) => new(policy);
}
