namespace O365Functions.Core.Reconciliation;

/// <summary>Keeps the last reconciliation report of each tenant, in the tenant's partition.</summary>
public static class ReconciliationReports
{
    /// <summary>Writes the step's report over the tenant's last one.</summary>
    public static async Task<bool> SaveAsync(State.Records.GatewayRecords records, SaveReportStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(step);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        await store.UpsertAsync(State.Records.RecordKey.ReconciliationReport(step.InstanceId, step.Report.TenantApsId), step.Report, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The tenant's last report, or null.</summary>
    public static async Task<ReconciliationReport?> LastAsync(State.Records.GatewayRecords records, string instanceId, string tenantApsId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        return (await store.GetAsync<ReconciliationReport>(State.Records.RecordKey.ReconciliationReport(instanceId, tenantApsId), cancellationToken).ConfigureAwait(false))?.Record;
    }
}

/// <summary>Input of <see cref="ReconcileTenantWorkflow.SaveReportActivity"/>.</summary>
public sealed record SaveReportStep(string InstanceId, ReconciliationReport Report);
