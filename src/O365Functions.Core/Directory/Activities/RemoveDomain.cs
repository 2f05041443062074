using Microsoft.Extensions.Logging;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory.Activities;

/// <summary>Deletes the domain from the tenant, unless users or groups still use it.</summary>
public sealed class RemoveDomain(ITenantDirectory directory, ILogger<RemoveDomain> logger) : Activity<RemoveDomain, DomainStep, StepOutcome<bool>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<bool>> RunAsync(DomainStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, "remove-domain", call =>
            directory.RemoveDomainAsync(call, input.CustomerId, input.Domain, cancellationToken));
    }
}
