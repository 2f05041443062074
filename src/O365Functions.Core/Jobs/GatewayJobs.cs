using O365Functions.Core.Catalog.Sync;
using O365Functions.Core.Consent;
using O365Functions.Core.Directory;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.Webhooks;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Activities;
using O365Functions.Core.Workflows.Maintenance;

namespace O365Functions.Core.Jobs;

/// <summary>
/// What the gateway runs besides HTTP requests: workflows, their activities, and timers. The local gateway registers
/// each with its embedded runtime and scheduler; the Functions app's build writes one function per workflow and
/// activity from these lists (eng/FunctionTriggers), and parity tests hold all its functions to them.
/// </summary>
public static class GatewayJobs
{
    /// <summary>The gateway's workflows.</summary>
    public static IReadOnlyList<WorkflowDefinition> Workflows { get; } =
    [
        WorkflowDefinition.Of(VerifyConsentWorkflow.Name, VerifyConsentWorkflow.RunAsync),
        WorkflowDefinition.Of(ProvisionTenantWorkflow.Name, ProvisionTenantWorkflow.RunAsync),
        WorkflowDefinition.Of(ChangeTenantWorkflow.Name, ChangeTenantWorkflow.RunAsync),
        WorkflowDefinition.Of(ManageUserWorkflow.Name, ManageUserWorkflow.RunAsync),
        WorkflowDefinition.Of(ManageDomainWorkflow.Name, ManageDomainWorkflow.RunAsync),
        WorkflowDefinition.Of(ReconcileTenantWorkflow.Name, ReconcileTenantWorkflow.RunAsync),
        WorkflowDefinition.Of(SubscriptionUpdateWorkflow.Name, SubscriptionUpdateWorkflow.RunAsync),
        WorkflowDefinition.Of(CatalogSync.WorkflowName, CatalogSync.RunAsync),
    ];

    /// <summary>The gateway's activities: every <see cref="Activity{TActivity, TInput, TOutput}"/> class of this assembly.</summary>
    public static IReadOnlyList<IActivityDefinition> Activities { get; } = ActivityCatalog.In(typeof(GatewayJobs).Assembly);

    /// <summary>The names of <see cref="Workflows"/>.</summary>
    public static IReadOnlyCollection<string> WorkflowNames { get; } = [.. Workflows.Select(workflow => workflow.Name)];

    /// <summary>The names of <see cref="Activities"/>.</summary>
    public static IReadOnlyCollection<string> ActivityNames { get; } = [.. Activities.Select(activity => activity.Name)];

    /// <summary>Registers the gateway's workflows, and its activities over <paramref name="services"/>, with an engine.</summary>
    public static void RegisterWorkflows(IWorkflowRegistrar registrar, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        ArgumentNullException.ThrowIfNull(services);
        foreach (var workflow in Workflows)
        {
            workflow.Register(registrar);
        }

        foreach (var activity in Activities)
        {
            activity.Register(registrar, services);
        }
    }

    /// <summary>Scheduled jobs, by name.</summary>
    public static IReadOnlyList<TimerJob> Timers { get; } =
    [
        new(PurgeFinishedWorkflows.Name, PurgeFinishedWorkflows.ScheduleSetting, PurgeFinishedWorkflows.DefaultSchedule, PurgeFinishedWorkflows.RunAsync),
        new(PurgeOAuthNonces.Name, PurgeOAuthNonces.ScheduleSetting, PurgeOAuthNonces.DefaultSchedule, PurgeOAuthNonces.RunAsync),
        new(KeepTokensAlive.Name, KeepTokensAlive.ScheduleSetting, KeepTokensAlive.DefaultSchedule, KeepTokensAlive.RunAsync),
        new(CatalogSync.Name, CatalogSync.ScheduleSetting, CatalogSync.DefaultSchedule, CatalogSync.StartAllAsync),
        new(ReconcileTenants.Name, ReconcileTenants.ScheduleSetting, ReconcileTenants.DefaultSchedule, ReconcileTenants.RunAsync),
    ];

    /// <summary>Finds a timer job by name (case-insensitive, as Functions names are).</summary>
    public static TimerJob Timer(string name) =>
        Timers.FirstOrDefault(job => string.Equals(job.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No timer job is named '{name}'. Known: {string.Join(", ", Timers.Select(job => job.Name))}.", nameof(name));
}
