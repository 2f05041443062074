namespace O365Functions.Core.Workflows.Maintenance;

/// <summary>How long a finished workflow's history is kept; setting <c>WorkflowHistoryRetentionDays</c>.</summary>
public sealed class WorkflowRetentionOptions
{
    /// <summary>The setting that holds <see cref="HistoryRetentionDays"/>.</summary>
    public const string Setting = "WorkflowHistoryRetentionDays";

    /// <summary>Days a finished workflow is kept after it was created; 30 unless configured.</summary>
    public int HistoryRetentionDays { get; init; } = 30;
}
