using Microsoft.Extensions.Logging;
using O365Functions.Core.Provisioning;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory.Activities;

/// <summary>
/// Counts the attempt against the domain's budget for the day, then asks Microsoft once; a spent budget is a refusal
/// with what to do, and no call is made.
/// </summary>
public sealed class VerifyDomain(ITenantDirectory directory, GatewayRecords records, TimeProvider time, ILogger<VerifyDomain> logger)
    : Activity<VerifyDomain, DomainStep, StepOutcome<bool>>
{
    /// <inheritdoc/>
    public override async Task<StepOutcome<bool>> RunAsync(DomainStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!await TryCountAsync(input, day, cancellationToken).ConfigureAwait(false))
        {
            return StepOutcome.Refused<bool>(new CommerceRefusal("VerificationBudgetSpent",
                $"{input.Domain} was already checked {input.MaxVerificationsPerDay} times today (UTC).",
                "Publish the TXT record of verificationRecords at your DNS host, wait for it to propagate, and verify again tomorrow."));
        }

        return await RefusableSteps.ReportedAsync(logger, input.Operation, "verify-domain", call => directory.VerifyDomainAsync(call, input.CustomerId, input.Domain, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Adds one to the day's count under its ETag; false when the budget is already spent.</summary>
    private async Task<bool> TryCountAsync(DomainStep step, DateOnly day, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.DomainVerificationCount(step.Operation.InstanceId, step.Domain, day);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await store.GetAsync<DomainVerificationCountRecord>(key, cancellationToken).ConfigureAwait(false);
            var count = stored?.Record.Count ?? 0;
            if (count >= step.MaxVerificationsPerDay)
            {
                return false;
            }

            try
            {
                await store.PutAsync(key, new DomainVerificationCountRecord(step.Domain, $"{day:yyyyMMdd}", count + 1), stored?.ETag, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (EntityStoreException conflict) when (attempt < 10 && conflict.Error is EntityStoreError.AlreadyExists or EntityStoreError.PreconditionFailed)
            {
                // Another attempt counted at the same moment: count again on top of it.
            }
        }
    }
}
