using System.Text.RegularExpressions;
using O365Functions.Core.Provisioning;
using O365Functions.Core.State.Records;
using O365Functions.Core.Vocabulary;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Webhooks;

/// <summary>
/// Finds the tenant of a subscription Partner Center says changed (by its customer), reads the subscription again and
/// writes what changed into the tenant's record; answers what it did, in words.
/// </summary>
public sealed partial class RefreshSubscription(ITenantCommerce commerce, GatewayRecords records) : Activity<RefreshSubscription, string, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(string input, CancellationToken cancellationToken)
    {
        var resourceUri = input;
        if (SubscriptionResource().Match(resourceUri ?? string.Empty) is not { Success: true } match)
        {
            return $"'{resourceUri}' names no customer subscription; nothing to do.";
        }

        var (customerId, subscriptionId) = (match.Groups[1].Value, match.Groups[2].Value);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        if ((await store.GetAsync<CustomerIndexRecord>(RecordKey.Customer(customerId), cancellationToken).ConfigureAwait(false))?.Record is not { } owner)
        {
            return $"Customer {customerId} is not one of the gateway's tenants; nothing to do.";
        }

        var key = RecordKey.Tenant(owner.InstanceId, owner.TenantApsId);
        var tenant = (await store.GetAsync<TenantRecord>(key, cancellationToken).ConfigureAwait(false))?.Record;
        if (tenant?.Subscriptions.FirstOrDefault(s => s.SubscriptionId == subscriptionId) is not { } recorded)
        {
            return $"Subscription {subscriptionId} is not in tenant {owner.TenantApsId}'s record; the reconciliation reports it.";
        }

        var call = new TenantOperation(owner.InstanceId, owner.TenantApsId, $"webhook-{subscriptionId}").Call("refresh-subscription");
        var live = (await commerce.ListSubscriptionsAsync(call, customerId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.SubscriptionId == subscriptionId);
        if (live is null || (live.Quantity == recorded.Quantity && live.Status == recorded.Status))
        {
            return $"Subscription {subscriptionId} of tenant {owner.TenantApsId} already matches Partner Center.";
        }

        var updated = tenant with
        {
            Subscriptions = [.. tenant.Subscriptions.Select(s => s.SubscriptionId == subscriptionId ? s with { Quantity = live.Quantity, Status = live.Status } : s)],
        };
        await store.UpsertAsync(key, updated, cancellationToken).ConfigureAwait(false);
        return $"Subscription {subscriptionId} of tenant {owner.TenantApsId}: {recorded.Quantity} seats {recorded.Status.Word()} -> {live.Quantity} seats {live.Status.Word()}.";
    }

    [GeneratedRegex("/customers/([^/]+)/subscriptions/([^/?#]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SubscriptionResource();
}
