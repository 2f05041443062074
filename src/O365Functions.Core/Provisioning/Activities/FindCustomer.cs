using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>The partner's customer with the domain, once an existing organization accepted the reseller relationship; null until then.</summary>
public sealed class FindCustomer(ITenantCommerce commerce, ILogger<FindCustomer> logger) : Activity<FindCustomer, CustomerLookupStep, string?>
{
    /// <inheritdoc/>
    public override async Task<string?> RunAsync(CustomerLookupStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var call = input.Operation.Call("find-customer");
        using var scope = RefusableSteps.BeginScope(logger, input.Operation, call);
        return await commerce.FindCustomerAsync(call, input.Domain, cancellationToken).ConfigureAwait(false);
    }
}
