using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Upgrades one subscription along its type's upgrade path.</summary>
public sealed class UpgradeSubscription(ITenantCommerce commerce, ILogger<UpgradeSubscription> logger) : Activity<UpgradeSubscription, UpgradeStep, StepOutcome<SubscriptionState>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<SubscriptionState>> RunAsync(UpgradeStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, input.Step, call => commerce.UpgradeAsync(call, input.CustomerId, input.Upgrade, cancellationToken));
    }
}
