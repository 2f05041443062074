using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Attests the Microsoft Customer Agreement for the customer.</summary>
public sealed class AttestAgreement(ITenantCommerce commerce, ILogger<AttestAgreement> logger) : Activity<AttestAgreement, AgreementStep, StepOutcome<bool>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<bool>> RunAsync(AgreementStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, "attest-agreement", call => commerce.AttestAgreementAsync(call, input.CustomerId, input.Contact, cancellationToken));
    }
}
