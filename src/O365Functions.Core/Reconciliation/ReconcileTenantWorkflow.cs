using O365Functions.Core.Provisioning;
using O365Functions.Core.Provisioning.Activities;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Reconciliation;

/// <summary>
/// Reconciles one tenant: reads Partner Center's subscriptions once, compares with <see cref="TenantReconciler"/>,
/// writes the record only when the read was complete and something may be fixed, and keeps the report. A read that
/// fails (Partner Center down past the retries) ends with a report that says so and changes nothing.
/// </summary>
public static class ReconcileTenantWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "ReconcileTenant";

    private static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(1)));

    /// <summary>The workflow: input is the tenant's record, output the report.</summary>
    public static async Task<ReconciliationReport> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = context.GetInput<TenantRecord>() ?? throw new InvalidOperationException($"{Name} needs the tenant's record.");
        var operation = new TenantOperation(tenant.InstanceId, tenant.ApsId, context.InstanceId);
        context.SetCustomStatus(new WorkflowProgress("Reading the subscriptions from Partner Center", 0, 2));
        ReconciliationReport report;
        try
        {
            var listing = await context.CallAsync(ReadSubscriptionListing.Ref, new SubscriptionsStep(operation, tenant.MicrosoftTenantId!), Retry);
            var (found, reconciled) = TenantReconciler.Reconcile(tenant, listing, context.CurrentUtcDateTime);
            report = found;
            if (!ReferenceEquals(reconciled, tenant) && found.Findings.Any(f => f.Action == FindingAction.Fixed))
            {
                context.SetCustomStatus(new WorkflowProgress("Recording what Partner Center has", 1, 2));
                await context.CallAsync(SaveTenant.Ref, new SaveTenantStep(operation, reconciled), Retry);
            }
        }
        catch (WorkflowTaskFailedException failed)
        {
            report = new ReconciliationReport(tenant.ApsId, context.CurrentUtcDateTime, false, [],
                $"Partner Center could not be read ({failed.FailureDetails.InnerFailure?.ErrorMessage ?? failed.Message}); nothing was changed. Run the reconciliation again later.");
        }

        await context.CallAsync(SaveReconciliationReport.Ref, new SaveReportStep(tenant.InstanceId, report), Retry);
        return report;
    }
}
