using Microsoft.Extensions.Logging;
using O365Functions.Core.Jobs;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Core.Reconciliation;

/// <summary>
/// The daily drift check: one <see cref="ReconcileTenantWorkflow"/> per provisioned tenant of every authenticated
/// instance, so a change made in Partner Center's portal (or a lost webhook) reaches the tenant's record within a day
/// without anyone asking. A tenant whose own APS operation is still running is left for the next day, so the check
/// never races the workflow that is changing it. Each day's run has one workflow id per tenant, so a second timer
/// run that day starts nothing.
/// </summary>
public static partial class ReconcileTenants
{
    /// <summary>The timer job's name.</summary>
    public const string Name = "ReconcileTenants";

    /// <summary>The setting with the job's schedule.</summary>
    public const string ScheduleSetting = "ReconciliationSchedule";

    /// <summary>Daily at 06:00 UTC, after the catalog sync.</summary>
    public const string DefaultSchedule = "0 0 6 * * *";

    /// <summary>The workflow id of a tenant's check on <paramref name="day"/>.</summary>
    public static string WorkflowId(string instanceId, string tenantApsId, DateTimeOffset day) => $"reconcile_{instanceId}_{tenantApsId}_{day.UtcDateTime:yyyyMMdd}";

    /// <summary>The timer: starts the checks and logs how many it started and skipped.</summary>
    public static async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var records = await context.Services.Required<GatewayRecords>().GetAsync(cancellationToken).ConfigureAwait(false);
        var (authenticated, _) = await AuthenticatedInstances.ListAsync(records, cancellationToken).ConfigureAwait(false);
        var (started, busy) = (0, 0);
        foreach (var entry in await records.ListAsync<CustomerIndexRecord>(RecordKey.CustomerPartition, cancellationToken).ConfigureAwait(false))
        {
            var (instanceId, tenantApsId) = (entry.Record.InstanceId, entry.Record.TenantApsId);
            if (!authenticated.Contains(instanceId)
                || await records.GetAsync<TenantRecord>(RecordKey.Tenant(instanceId, tenantApsId), cancellationToken).ConfigureAwait(false) is not { Record: { MicrosoftTenantId: not null } tenant })
            {
                continue;
            }

            if (await OperationRunningAsync(records, context.Workflows, instanceId, tenantApsId, cancellationToken).ConfigureAwait(false))
            {
                busy++;
                continue;
            }

            await context.Workflows.StartWorkflowAsync(
                ReconcileTenantWorkflow.Name, tenant, new WorkflowStartOptions(WorkflowId(instanceId, tenantApsId, context.UtcNow)), cancellationToken).ConfigureAwait(false);
            started++;
        }

        var logger = context.Logger(typeof(ReconcileTenants));
        LogStarted(logger, started, busy);
    }

    private static async Task<bool> OperationRunningAsync(RecordStore records, IWorkflowClient workflows, string instanceId, string tenantApsId, CancellationToken cancellationToken) =>
        await records.GetAsync<ResourceOperationRecord>(RecordKey.ResourceOperation(instanceId, tenantApsId), cancellationToken).ConfigureAwait(false) is { } pointer
        && await workflows.GetInstanceAsync(pointer.Record.WorkflowInstanceId, cancellationToken: cancellationToken).ConfigureAwait(false) is { IsCompleted: false };

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation started for {Started} tenants; {Busy} with an operation running are left for the next run.")]
    private static partial void LogStarted(ILogger logger, int started, int busy);
}
