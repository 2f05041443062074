namespace O365Functions.Core.Reconciliation;

/// <summary>Keeps the last reconciliation report of each tenant, in the tenant's partition.</summary>
public static class ReconciliationReports
{
    /// <summary>The tenant's last report, or null.</summary>
    public static async Task<ReconciliationReport?> LastAsync(State.Records.GatewayRecords records, string instanceId, string tenantApsId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        return (await store.GetAsync<ReconciliationReport>(State.Records.RecordKey.ReconciliationReport(instanceId, tenantApsId), cancellationToken).ConfigureAwait(false))?.Record;
    }
}

/// <summary>Input of <see cref="SaveReconciliationReport"/>.</summary>
public sealed record SaveReportStep(string InstanceId, ReconciliationReport Report);
