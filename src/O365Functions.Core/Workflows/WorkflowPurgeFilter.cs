namespace O365Functions.Core.Workflows;

/// <summary>Which finished instances to purge. Mirrors Durable Task's <c>PurgeInstancesFilter</c>.</summary>
/// <param name="CreatedFrom">Only instances created at or after this time.</param>
/// <param name="CreatedTo">Only instances created before this time.</param>
/// <param name="Statuses">Only instances in one of these finished states; all finished states when null.</param>
public sealed record WorkflowPurgeFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<WorkflowRuntimeStatus>? Statuses = null);
