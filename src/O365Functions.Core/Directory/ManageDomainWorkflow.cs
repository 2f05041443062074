using O365Functions.Core.Directory.Activities;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Provisioning.Activities;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory;

/// <summary>
/// A custom domain of a customer's tenant: added with the records to publish, verified on request within a daily
/// budget of verify calls, or deleted from the tenant once nothing there uses it. The domain's record is written (or
/// deleted) at the end of each.
/// </summary>
public static class ManageDomainWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "ManageDomain";

    private static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(5, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(5)));

    /// <summary>The workflow: its output is the domain's record.</summary>
    public static async Task<DomainRecord> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var work = context.GetInput<DomainWork>() ?? throw new InvalidOperationException($"{Name} needs a {nameof(DomainWork)}.");
        var operation = work.Operation with { OperationId = context.InstanceId };
        var domain = work.Domain;
        var step = new DomainStep(operation, work.CustomerId, domain.Name, work.MaxVerificationsPerDay);
        switch (work.Kind)
        {
            case DomainChangeKind.Provision:
                context.SetCustomStatus(new WorkflowProgress($"Adding {domain.Name} to the tenant", 0, 1));
                var records = await context.CallRequiredAsync(AddDomain.Ref, step, "Add the domain", Retry);
                domain = domain with { Status = DomainStatus.Pending, VerificationRecords = records.Verification, ServiceRecords = records.Service };
                await NotifyAsync(context, Notice(work, operation) with
                {
                    Message = $"Publish the DNS records that prove you own {domain.Name}",
                    Details = $"At the DNS host of {domain.Name}, publish: {string.Join("; ", records.Verification.Select(Describe))}. Then ask for verification. " +
                        $"For mail and Teams, also publish: {string.Join("; ", records.Service.Select(Describe))}.",
                });
                break;
            case DomainChangeKind.Verify:
                context.SetCustomStatus(new WorkflowProgress($"Asking Microsoft to verify {domain.Name}", 0, 1));
                var verified = await context.CallRequiredAsync(VerifyDomain.Ref, step, "Verify the domain", Retry);
                domain = domain with { Status = verified ? DomainStatus.Verified : DomainStatus.Pending, VerificationAttempts = domain.VerificationAttempts + 1 };
                if (verified)
                {
                    await NotifyAsync(context, Notice(work, operation));
                }

                break;
            case DomainChangeKind.Remove:
                context.SetCustomStatus(new WorkflowProgress($"Deleting {domain.Name} from the tenant", 0, 1));
                await context.CallRequiredAsync(RemoveDomain.Ref, step, "Delete the domain", Retry);
                await NotifyAsync(context, Notice(work, operation));
                await context.CallAsync(SaveDomain.Ref, new SaveDomainStep(domain, Remove: true), Retry);
                return domain;
        }

        await context.CallAsync(SaveDomain.Ref, new SaveDomainStep(domain), Retry);
        return domain;
    }

    /// <summary>Tells the customer, in instances of a version that has the step (<see cref="WorkflowVersions.Commerce"/>).</summary>
    private static Task NotifyAsync(IWorkflowContext context, CustomerNoticeStep notice) =>
        context.IsAtLeast(WorkflowVersions.Commerce) ? context.CallAsync(NotifyCustomer.Ref, notice, Retry) : Task.CompletedTask;

    /// <summary>The domain's notice to the customer, cleared unless a message is set.</summary>
    private static CustomerNoticeStep Notice(DomainWork work, TenantOperation operation) => new(operation, work.AccountApsId, $"domain-{work.Domain.Name}");

    private static string Describe(DnsRecordInfo record) => record.RecordType switch
    {
        "TXT" => $"TXT {record.Label} \"{record.Text}\"",
        "MX" => $"MX {record.Label} {record.MailExchange} (preference {record.Preference})",
        "CNAME" => $"CNAME {record.Label} {record.CanonicalName}",
        _ => $"{record.RecordType} {record.Label} {record.NameTarget}:{record.Port}",
    };
}
