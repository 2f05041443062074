using System.Text.RegularExpressions;
using O365Functions.Core.Provisioning;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Core.Webhooks;

/// <summary>
/// Partner Center's <c>subscription-updated</c>: reads the subscription again and brings the tenant's record to it
/// (seats, status), for the tenant of the instance that bought the customer. A subscription of a customer the gateway
/// does not hold is left alone.
/// </summary>
public static partial class SubscriptionUpdateWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "ProcessSubscriptionUpdate";

    /// <summary>The activity that reads the subscription and updates the record.</summary>
    public const string RefreshActivity = "RefreshSubscription";

    private static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(5, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(5)));

    /// <summary>The workflow: input is the event's resource URI, output what was done, in words.</summary>
    public static Task<string> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resource = context.GetInput<string>() ?? throw new InvalidOperationException($"{Name} needs the event's resource URI.");
        return context.CallActivityAsync<string>(RefreshActivity, resource, Retry);
    }

    /// <summary>The activity: find the tenant by its customer, read the subscription, and write what changed.</summary>
    public static async Task<string> RefreshAsync(ITenantCommerce commerce, GatewayRecords records, string resourceUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(records);
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
        if (live is null || (live.Quantity == recorded.Quantity && string.Equals(live.Status, recorded.Status, StringComparison.OrdinalIgnoreCase)))
        {
            return $"Subscription {subscriptionId} of tenant {owner.TenantApsId} already matches Partner Center.";
        }

        var updated = tenant with
        {
            Subscriptions = [.. tenant.Subscriptions.Select(s => s.SubscriptionId == subscriptionId ? s with { Quantity = live.Quantity, Status = live.Status.ToLowerInvariant() } : s)],
        };
        await store.UpsertAsync(key, updated, cancellationToken).ConfigureAwait(false);
        return $"Subscription {subscriptionId} of tenant {owner.TenantApsId}: {recorded.Quantity} seats {recorded.Status} -> {live.Quantity} seats {live.Status}.";
    }

    [GeneratedRegex("/customers/([^/]+)/subscriptions/([^/?#]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SubscriptionResource();
}
