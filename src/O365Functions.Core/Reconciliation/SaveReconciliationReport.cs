using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Reconciliation;

/// <summary>Keeps a tenant's reconciliation report over its last one, in the tenant's partition.</summary>
public sealed class SaveReconciliationReport(GatewayRecords records) : Activity<SaveReconciliationReport, SaveReportStep, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(SaveReportStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        await store.UpsertAsync(RecordKey.ReconciliationReport(input.InstanceId, input.Report.TenantApsId), input.Report, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
