using O365Functions.Core.Jobs;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Catalog.Sync;

/// <summary>
/// Keeps each instance's license and add-on types in step with Microsoft's catalog for its countries and language:
/// minimum and maximum quantities follow Microsoft; names follow it when the instance's <c>productNames</c> is
/// <c>continuous</c>; an offer Microsoft no longer lists is marked withdrawn (new orders of it are refused) and never
/// deleted, and only when every country was read whole, so a failed read withdraws nothing. A daily timer starts one
/// workflow per authenticated instance.
/// </summary>
public static class CatalogSync
{
    /// <summary>The timer job's name.</summary>
    public const string Name = "SyncCatalogs";

    /// <summary>The setting with the job's schedule.</summary>
    public const string ScheduleSetting = "CatalogSyncSchedule";

    /// <summary>Daily at 05:00 UTC.</summary>
    public const string DefaultSchedule = "0 0 5 * * *";

    /// <summary>The workflow's name.</summary>
    public const string WorkflowName = "SyncCatalog";

    private static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(30), 2, TimeSpan.FromMinutes(10)));

    /// <summary>The workflow: input the instance id, output the report.</summary>
    public static Task<CatalogSyncReport> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = context.GetInput<string>() ?? throw new InvalidOperationException($"{WorkflowName} needs the instance id.");
        context.SetCustomStatus(new WorkflowProgress("Reading Microsoft's catalog", 0, 1));
        return context.CallAsync(SyncInstanceCatalog.Ref, instanceId, Retry);
    }

    /// <summary>The timer: one sync a day per authenticated instance.</summary>
    public static Task StartAllAsync(JobContext context, CancellationToken cancellationToken) =>
        AuthenticatedInstances.StartDailyAsync(context, WorkflowName, WorkflowInstanceId, cancellationToken);

    /// <summary>The workflow id of an instance's sync on a day.</summary>
    public static string WorkflowInstanceId(string instanceId, DateTimeOffset day) => $"catalog_{instanceId}_{day.UtcDateTime:yyyyMMdd}";
}
