namespace O365Functions.Core.Workflows;

/// <summary>
/// Options for a sub-workflow call: a retry policy and the child's instance id. Mirrors Durable Task's
/// <c>SubOrchestrationOptions</c>. A chosen id makes the child addressable (for events) and idempotent.
/// </summary>
/// <param name="Retry">The retry policy; the call is attempted once when null.</param>
/// <param name="InstanceId">The child's instance id; derived from the parent's id and the call's sequence number when null.</param>
public sealed record SubWorkflowOptions(WorkflowRetryPolicy? Retry = null, string? InstanceId = null) : WorkflowTaskOptions(Retry);
