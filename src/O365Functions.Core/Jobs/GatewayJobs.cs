using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Maintenance;

namespace O365Functions.Core.Jobs;

/// <summary>
/// The one list of what the gateway runs besides HTTP requests: workflows, their activities, and timers. The local
/// gateway registers each entry with its embedded runtime and scheduler; the Functions app has one function per entry
/// whose body calls the entry, and a test holds the two to this list.
/// </summary>
public static class GatewayJobs
{
    /// <summary>
    /// Registers the gateway's workflows and activities with an engine. None exist yet: the APS operations bring the
    /// first ones, and each is added here once, for both hosts.
    /// </summary>
    public static void RegisterWorkflows(IWorkflowRegistrar registrar) => ArgumentNullException.ThrowIfNull(registrar);

    /// <summary>The names <see cref="RegisterWorkflows"/> registers.</summary>
    public static IReadOnlyCollection<string> WorkflowNames { get; } = [];

    /// <summary>Scheduled jobs, by name.</summary>
    public static IReadOnlyList<TimerJob> Timers { get; } =
    [
        new(PurgeFinishedWorkflows.Name, PurgeFinishedWorkflows.ScheduleSetting, PurgeFinishedWorkflows.DefaultSchedule, PurgeFinishedWorkflows.RunAsync),
    ];

    /// <summary>Finds a timer job by name (case-insensitive, as Functions names are).</summary>
    public static TimerJob Timer(string name) =>
        Timers.FirstOrDefault(job => string.Equals(job.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No timer job is named '{name}'. Known: {string.Join(", ", Timers.Select(job => job.Name))}.", nameof(name));
}
