using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>The customer's subscriptions now.</summary>
public sealed class ReadSubscriptions(ITenantCommerce commerce, ILogger<ReadSubscriptions> logger) : Activity<ReadSubscriptions, SubscriptionsStep, IReadOnlyList<SubscriptionState>>
{
    /// <inheritdoc/>
    public override async Task<IReadOnlyList<SubscriptionState>> RunAsync(SubscriptionsStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var call = input.Operation.Call("read-subscriptions");
        using var scope = RefusableSteps.BeginScope(logger, input.Operation, call);
        return await commerce.ListSubscriptionsAsync(call, input.CustomerId, cancellationToken).ConfigureAwait(false);
    }
}
