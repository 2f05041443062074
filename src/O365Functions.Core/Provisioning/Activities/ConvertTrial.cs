using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Converts a trial to its paid offer.</summary>
public sealed class ConvertTrial(ITenantCommerce commerce, ILogger<ConvertTrial> logger) : Activity<ConvertTrial, ConversionStep, StepOutcome<SubscriptionState>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<SubscriptionState>> RunAsync(ConversionStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, input.Step, call => commerce.ConvertTrialAsync(call, input.CustomerId, input.Conversion, cancellationToken));
    }
}
