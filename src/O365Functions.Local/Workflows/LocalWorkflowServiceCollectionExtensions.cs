using Microsoft.Extensions.DependencyInjection.Extensions;
using O365Functions.Core.Jobs;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Maintenance;
using O365Functions.Orchestration;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Local.Workflows;

/// <summary>
/// Wires state and workflows for the local gateway: the SQLite file under <c>Storage:DataDirectory</c>, the embedded
/// durable runtime over it, and the scheduler that runs <see cref="Core.Jobs.GatewayJobs.Timers"/> as the Functions
/// app's timer triggers do.
/// </summary>
public static class LocalWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The workflow version the embedded runtime stamps and runs up to (<see cref="WorkflowVersions.Current"/> when
    /// unset), as Durable Functions' <c>defaultVersion</c> does on Azure.
    /// </summary>
    public const string WorkflowVersionSetting = "Orchestration:WorkflowVersion";

    /// <summary>Adds the entity store, the embedded runtime and its client, and the timer scheduler.</summary>
    public static IServiceCollection AddLocalWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IEntityStore>(_ => new SqliteEntityStore(Path.Combine(LocalDataDirectory.From(configuration), "gateway.db")));
        services.AddSingleton(WorkflowRetentionOptions.FromSetting(configuration[WorkflowRetentionOptions.Setting]));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new EmbeddedWorkflowRuntime(
            provider.GetRequiredService<IEntityStore>(),
            Registry(provider),
            // Finished history is purged by the PurgeFinishedWorkflows job on both hosts, not by the runtime's own worker.
            // The workflow version is the release's; the setting exists to run a release's tests against an older one.
            new EmbeddedRuntimeOptions
            {
                CompletedHistoryRetention = null,
                WorkflowVersion = configuration[WorkflowVersionSetting] is { Length: > 0 } version ? version : WorkflowVersions.Current,
            },
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IWorkflowClient>(provider => provider.GetRequiredService<EmbeddedWorkflowRuntime>().Client);
        services.AddHostedService<EmbeddedRuntimeHostedService>();
        services.AddHostedService<TimerJobScheduler>();
        return services;
    }

    private static WorkflowRegistry Registry(IServiceProvider provider)
    {
        var registry = new WorkflowRegistry();
        GatewayJobs.RegisterWorkflows(registry, provider);
        return registry;
    }
}
