using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Gets the reseller relationship link an existing organization's admin accepts.</summary>
public sealed class RequestRelationship(ITenantCommerce commerce, ILogger<RequestRelationship> logger) : Activity<RequestRelationship, CustomerLookupStep, StepOutcome<Uri>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<Uri>> RunAsync(CustomerLookupStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, "relationship-link", call => commerce.RelationshipLinkAsync(call, cancellationToken));
    }
}
