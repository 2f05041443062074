using System.Text.Json.Nodes;
using O365Functions.Core.Callbacks;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// Brings an instance's stored records to this release when Commerce upgrades it. Release 1.0 kept no link from a
/// tenant to the customer's Commerce subscription and account: each tenant Microsoft holds reads them from its own
/// resource at the controller (<c>aps.subscription</c>, or the <c>subscription</c> and <c>account</c> links) and is
/// subscribed to the subscription's limits-changed event. Running it twice changes nothing the first run did.
/// </summary>
public sealed class InstanceUpgrade(GatewayRecords records, CommerceController commerce)
{
    /// <summary>Upgrades the instance's tenants; answers what was done, in words, for the log.</summary>
    public async Task<string> RunAsync(string instanceId, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var (linked, subscribed, unread) = (0, 0, new List<string>());
        foreach (var entry in (await store.ListAsync<CustomerIndexRecord>(RecordKey.CustomerPartition, cancellationToken).ConfigureAwait(false))
            .Where(e => string.Equals(e.Record.InstanceId, instanceId, StringComparison.OrdinalIgnoreCase)))
        {
            if ((await store.GetAsync<TenantRecord>(RecordKey.Tenant(instanceId, entry.Record.TenantApsId), cancellationToken).ConfigureAwait(false))?.Record is not { } tenant)
            {
                continue;
            }

            var upgraded = tenant;
            try
            {
                if (tenant.SubscriptionApsId is null && await commerce.GetResourceAsync(instanceId, tenant.ApsId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } resource)
                {
                    upgraded = upgraded with { SubscriptionApsId = SubscriptionOf(resource), AccountApsId = LinkOf(resource, "account") };
                    linked += upgraded.SubscriptionApsId is null ? 0 : 1;
                }

                if (upgraded.SubscriptionApsId is { } subscription && upgraded.LimitsEventSubscriptionId is null)
                {
                    upgraded = upgraded with { LimitsEventSubscriptionId = await commerce.SubscribeToLimitChangesAsync(instanceId, tenant.ApsId, subscription, cancellationToken).ConfigureAwait(false) };
                    subscribed += upgraded.LimitsEventSubscriptionId is null ? 0 : 1;
                }
            }
            catch (ApsControllerException refused)
            {
                unread.Add($"{tenant.ApsId} ({refused.Message})");
            }

            if (upgraded != tenant)
            {
                await store.SaveTenantAsync(upgraded, cancellationToken).ConfigureAwait(false);
            }
        }

        return $"{linked} tenant(s) linked to their Commerce subscription, {subscribed} subscribed to its limit changes" +
            (unread.Count == 0 ? "." : $"; not read, so left as they were: {string.Join("; ", unread)}.");
    }

    private static string? SubscriptionOf(JsonObject resource) =>
        (resource["aps"] as JsonObject)?["subscription"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : LinkOf(resource, "subscription");

    private static string? LinkOf(JsonObject resource, string relation) =>
        (resource[relation] as JsonObject)?["aps"] is JsonObject aps && aps["id"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
}
