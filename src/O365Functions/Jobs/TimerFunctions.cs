using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using O365Functions.Core.Catalog.Sync;
using O365Functions.Core.Consent;
using O365Functions.Core.Jobs;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.Workflows.Maintenance;
using O365Functions.FunctionApp.Workflows;

namespace O365Functions.FunctionApp.Jobs;

/// <summary>The timer jobs of <see cref="GatewayJobs.Timers"/>, each on the schedule its setting holds.</summary>
public sealed class TimerFunctions(IServiceProvider services)
{
    /// <summary>Runs <see cref="PurgeFinishedWorkflows"/>.</summary>
    [Function(PurgeFinishedWorkflows.Name)]
    public Task PurgeFinishedWorkflowsAsync(
        [TimerTrigger("%" + PurgeFinishedWorkflows.ScheduleSetting + "%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        RunAsync(PurgeFinishedWorkflows.Name, client, context);

    /// <summary>Runs <see cref="PurgeOAuthNonces"/>.</summary>
    [Function(PurgeOAuthNonces.Name)]
    public Task PurgeOAuthNoncesAsync(
        [TimerTrigger("%" + PurgeOAuthNonces.ScheduleSetting + "%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        RunAsync(PurgeOAuthNonces.Name, client, context);

    /// <summary>Runs <see cref="KeepTokensAlive"/>.</summary>
    [Function(KeepTokensAlive.Name)]
    public Task KeepTokensAliveAsync(
        [TimerTrigger("%" + KeepTokensAlive.ScheduleSetting + "%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        RunAsync(KeepTokensAlive.Name, client, context);

    /// <summary>Runs <see cref="CatalogSync"/>.</summary>
    [Function(CatalogSync.Name)]
    public Task SyncCatalogsAsync(
        [TimerTrigger("%" + CatalogSync.ScheduleSetting + "%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        RunAsync(CatalogSync.Name, client, context);

    /// <summary>Runs <see cref="ReconcileTenants"/>.</summary>
    [Function(ReconcileTenants.Name)]
    public Task ReconcileTenantsAsync(
        [TimerTrigger("%" + ReconcileTenants.ScheduleSetting + "%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        RunAsync(ReconcileTenants.Name, client, context);

    private Task RunAsync(string name, DurableTaskClient client, FunctionContext context) =>
        GatewayJobs.Timer(name).Run(new JobContext(services, new DurableWorkflowClient(client, GatewayJobs.WorkflowNames), DateTimeOffset.UtcNow), context.CancellationToken);
}
