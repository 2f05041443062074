using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Changes one subscription: seats, status or auto-renewal.</summary>
public sealed class ChangeSubscription(ITenantCommerce commerce, ILogger<ChangeSubscription> logger) : Activity<ChangeSubscription, ChangeStep, StepOutcome<SubscriptionState>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<SubscriptionState>> RunAsync(ChangeStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, input.Step, call => commerce.ChangeSubscriptionAsync(call, input.CustomerId, input.Change, cancellationToken));
    }
}
