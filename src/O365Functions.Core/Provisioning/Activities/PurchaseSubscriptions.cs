using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Buys one level of the plan (parents before add-ons), or finds what an earlier attempt bought.</summary>
public sealed class PurchaseSubscriptions(ITenantCommerce commerce, ILogger<PurchaseSubscriptions> logger) : Activity<PurchaseSubscriptions, PurchaseStep, StepOutcome<IReadOnlyList<SubscriptionState>>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<IReadOnlyList<SubscriptionState>>> RunAsync(PurchaseStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, input.Step, call => commerce.PurchaseAsync(call, input.CustomerId, input.Lines, input.ResellerMpnId, cancellationToken));
    }
}
