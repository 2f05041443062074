using System.Globalization;

namespace O365Functions.Core.Workflows.Maintenance;

/// <summary>How long a finished workflow's history is kept; setting <c>WorkflowHistoryRetentionDays</c>.</summary>
public sealed class WorkflowRetentionOptions
{
    /// <summary>The setting that holds <see cref="HistoryRetentionDays"/>.</summary>
    public const string Setting = "WorkflowHistoryRetentionDays";

    /// <summary>Days a finished workflow is kept after it was created; 30 unless configured.</summary>
    public int HistoryRetentionDays { get; init; } = 30;

    /// <summary>
    /// The options from the setting's value as both hosts read it: absent means the default, anything but a whole
    /// number of days above 0 stops the host at start with the setting's name.
    /// </summary>
    public static WorkflowRetentionOptions FromSetting(string? value)
    {
        if (value is null)
        {
            return new WorkflowRetentionOptions();
        }

        return int.TryParse(value, CultureInfo.InvariantCulture, out var days) && days > 0
            ? new WorkflowRetentionOptions { HistoryRetentionDays = days }
            : throw new InvalidOperationException($"{Setting} must be a whole number of days above 0; it is '{value}'.");
    }
}
