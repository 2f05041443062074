using Microsoft.Extensions.Logging;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory.Activities;

/// <summary>Adds the domain to the customer's tenant and reads the DNS records to publish.</summary>
public sealed class AddDomain(ITenantDirectory directory, ILogger<AddDomain> logger) : Activity<AddDomain, DomainStep, StepOutcome<DomainRecords>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<DomainRecords>> RunAsync(DomainStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, "add-domain", call =>
            directory.AddDomainAsync(call, input.CustomerId, input.Domain, cancellationToken));
    }
}
