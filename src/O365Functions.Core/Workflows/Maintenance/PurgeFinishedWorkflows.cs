using Microsoft.Extensions.Logging;
using O365Functions.Core.Jobs;

namespace O365Functions.Core.Workflows.Maintenance;

/// <summary>
/// Deletes the history of finished workflows older than the retention, so the task hub does not grow for ever.
/// Durable Functions keeps history until it is purged; the embedded runtime is run the same way, by this job.
/// Running workflows are never touched, whatever their age.
/// </summary>
public static partial class PurgeFinishedWorkflows
{
    /// <summary>The job's name.</summary>
    public const string Name = "PurgeFinishedWorkflows";

    /// <summary>The setting with the job's schedule.</summary>
    public const string ScheduleSetting = "WorkflowPurgeSchedule";

    /// <summary>Daily at 03:30 UTC.</summary>
    public const string DefaultSchedule = "0 30 3 * * *";

    /// <summary>
    /// Purges what is past the retention in <see cref="WorkflowRetentionOptions"/> (30 days when none is registered).
    /// The filter names a lower bound too, since Durable Task's in-memory backend requires one.
    /// </summary>
    public static async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Services.GetService(typeof(WorkflowRetentionOptions)) as WorkflowRetentionOptions ?? new WorkflowRetentionOptions();
        var cutoff = context.UtcNow - TimeSpan.FromDays(options.HistoryRetentionDays);
        var purged = await context.Workflows.PurgeAllInstancesAsync(new WorkflowPurgeFilter(CreatedFrom: DateTimeOffset.UnixEpoch, CreatedTo: cutoff), cancellationToken).ConfigureAwait(false);
        var logger = context.Logger(typeof(PurgeFinishedWorkflows));
        LogPurged(logger, purged, cutoff);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} finished workflows created before {Cutoff:o}.")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset cutoff);
}
