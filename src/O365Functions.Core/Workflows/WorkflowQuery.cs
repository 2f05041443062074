namespace O365Functions.Core.Workflows;

/// <summary>Which instances to list. Mirrors the filters of Durable Task's <c>OrchestrationQuery</c>.</summary>
/// <param name="Statuses">Only instances in one of these states; all when null.</param>
/// <param name="InstanceIdPrefix">Only instances whose id starts with this; all when null.</param>
/// <param name="CreatedFrom">Only instances created at or after this time.</param>
/// <param name="CreatedTo">Only instances created before this time.</param>
/// <param name="FetchInputsAndOutputs">Whether to include inputs and outputs.</param>
public sealed record WorkflowQuery(
    IReadOnlyCollection<WorkflowRuntimeStatus>? Statuses = null,
    string? InstanceIdPrefix = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    bool FetchInputsAndOutputs = false);
