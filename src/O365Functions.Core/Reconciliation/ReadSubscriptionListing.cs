using O365Functions.Core.Provisioning;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Reconciliation;

/// <summary>Reads a customer's subscriptions with Partner Center's own count, so a partial list is told from a whole one.</summary>
public sealed class ReadSubscriptionListing(ITenantCommerce commerce) : Activity<ReadSubscriptionListing, SubscriptionsStep, SubscriptionListing>
{
    /// <inheritdoc/>
    public override Task<SubscriptionListing> RunAsync(SubscriptionsStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return commerce.ReadListingAsync(input.Operation.Call("read-listing"), input.CustomerId, cancellationToken);
    }
}
