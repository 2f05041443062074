namespace O365Functions.Orchestration;

/// <summary>Settings of the embedded durable runtime. The defaults suit the local gateway on a small machine.</summary>
public sealed class EmbeddedRuntimeOptions
{
    /// <summary>Prefix of the two tables the runtime keeps (<c>{TaskHubName}History</c>, <c>{TaskHubName}Index</c>); letters and digits.</summary>
    public string TaskHubName { get; set; } = "Workflows";

    /// <summary>How many activities run at the same time; Durable Functions' <c>maxConcurrentActivityFunctions</c>.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>How many instances take a step at the same time; Durable Functions' <c>maxConcurrentOrchestratorFunctions</c>.</summary>
    public int MaxConcurrentWorkflows { get; set; } = Environment.ProcessorCount;

    /// <summary>The most inbox messages one step consumes, which bounds a step's transaction.</summary>
    public int MaxMessagesPerStep { get; set; } = 50;

    /// <summary>How long finished instances are kept before the runtime purges them; never when null.</summary>
    public TimeSpan? CompletedHistoryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the runtime looks for finished instances to purge; at most 49 days, the longest a timer waits.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The workflow version this runtime stamps on new instances and runs up to, as Durable Functions' <c>defaultVersion</c>
    /// with <c>CurrentOrOlder</c> matching: an instance of a newer version is left for a newer runtime.
    /// </summary>
    public string WorkflowVersion { get; set; } = Core.Workflows.WorkflowVersions.Current;

    /// <summary>How long to wait before trying a step again after the store failed.</summary>
    public TimeSpan StoreRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait a timer takes (2^32 - 2 ms, about 49.7 days), rounded down to whole days.</summary>
    internal static readonly TimeSpan LongestPurgeInterval = TimeSpan.FromDays(49);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentActivities, 1, nameof(MaxConcurrentActivities));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentWorkflows, 1, nameof(MaxConcurrentWorkflows));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessagesPerStep, 1, nameof(MaxMessagesPerStep));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessagesPerStep, 90, nameof(MaxMessagesPerStep));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PurgeInterval, TimeSpan.Zero, nameof(PurgeInterval));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PurgeInterval, LongestPurgeInterval, nameof(PurgeInterval));
    }
}
