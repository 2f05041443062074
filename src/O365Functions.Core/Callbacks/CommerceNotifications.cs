using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using O365Functions.Core.State.Records;

namespace O365Functions.Core.Callbacks;

/// <summary>
/// Tells people what to do through Commerce's notification managers. A customer's notice (accept the reseller
/// relationship, approve admin access, publish DNS records) is addressed to the account, so all its staff see it; one
/// notice per tenant and topic is kept, updated as the step moves, and deleted when it is done. Operator alerts go to
/// the provider's panel. Notices are help, not steps: a controller that refuses one is logged, and the work goes on.
/// </summary>
public sealed partial class CommerceNotifications(CommerceController commerce, GatewayRecords records, ILogger<CommerceNotifications> logger)
{
    private readonly ConcurrentDictionary<string, string> _managers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Shows (or updates) the tenant's notice on <paramref name="topic"/> to the customer's account; false when it could not.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="tenantApsId">The tenant the notice is about.</param>
    /// <param name="accountApsId">The customer's account.</param>
    /// <param name="topic">What the notice is about, such as <c>relationship</c>: one notice per tenant and topic.</param>
    /// <param name="message">The one line a person reads first.</param>
    /// <param name="details">The link or records to act on.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<bool> NotifyCustomerAsync(
        string instanceId, string tenantApsId, string accountApsId, string topic, string message, string details, CancellationToken cancellationToken = default)
    {
        try
        {
            if (await ManagerAsync(instanceId, CommerceContract.NotificationManagerType, cancellationToken).ConfigureAwait(false) is not { } manager)
            {
                LogNoManager(instanceId, CommerceContract.NotificationManagerType);
                return false;
            }

            var body = new JsonObject
            {
                ["status"] = "inProgress",
                ["message"] = new JsonObject { ["message"] = message, ["keys"] = new JsonObject() },
                ["details"] = new JsonObject { ["message"] = details, ["keys"] = new JsonObject() },
                ["accountId"] = accountApsId,
            };
            var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
            var key = RecordKey.CustomerNotice(instanceId, tenantApsId, topic);
            if ((await store.GetAsync<CustomerNoticeRecord>(key, cancellationToken).ConfigureAwait(false))?.Record is { } shown)
            {
                await commerce.SendAsync(instanceId, ApsControllerRequest.Resource(HttpMethod.Put, manager, $"/notifications/{Uri.EscapeDataString(shown.NotificationId)}", body), cancellationToken).ConfigureAwait(false);
                return true;
            }

            var created = await commerce.SendAsync(instanceId, ApsControllerRequest.Resource(HttpMethod.Post, manager, "/notifications", body), cancellationToken).ConfigureAwait(false);
            if ((created as JsonObject)?["id"] is JsonValue id && id.TryGetValue<string>(out var notificationId))
            {
                await store.UpsertAsync(key, new CustomerNoticeRecord(notificationId, topic), cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (ApsControllerException refused)
        {
            LogRefused(topic, tenantApsId, refused.Message);
            return false;
        }
    }

    /// <summary>Deletes the tenant's notice on <paramref name="topic"/>, if one is shown.</summary>
    public async Task ClearCustomerAsync(string instanceId, string tenantApsId, string topic, CancellationToken cancellationToken = default)
    {
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.CustomerNotice(instanceId, tenantApsId, topic);
        if ((await store.GetAsync<CustomerNoticeRecord>(key, cancellationToken).ConfigureAwait(false))?.Record is not { } shown)
        {
            return;
        }

        try
        {
            if (await ManagerAsync(instanceId, CommerceContract.NotificationManagerType, cancellationToken).ConfigureAwait(false) is { } manager)
            {
                await commerce.SendAsync(instanceId, ApsControllerRequest.Resource(HttpMethod.Delete, manager, $"/notifications/{Uri.EscapeDataString(shown.NotificationId)}"), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ApsControllerException refused) when (refused.Status is 404)
        {
            // Already gone (a person dismissed it).
        }
        catch (ApsControllerException refused)
        {
            LogRefused(topic, tenantApsId, refused.Message);
            return;
        }

        await store.DeleteAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Raises an alert in the provider's panel: <paramref name="level"/> is <c>info</c>, <c>warning</c> or <c>error</c>.</summary>
    public async Task<bool> AlertOperatorAsync(string instanceId, string level, string message, CancellationToken cancellationToken = default)
    {
        try
        {
            if (await ManagerAsync(instanceId, CommerceContract.OperatorNotificationManagerType, cancellationToken).ConfigureAwait(false) is not { } manager)
            {
                LogNoManager(instanceId, CommerceContract.OperatorNotificationManagerType);
                return false;
            }

            await commerce.SendAsync(instanceId, ApsControllerRequest.Resource(HttpMethod.Post, manager, "/notifications",
                new JsonObject { ["type"] = level, ["message"] = message, ["keys"] = new JsonObject() }), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApsControllerException refused)
        {
            LogRefused("operator alert", instanceId, refused.Message);
            return false;
        }
    }

    private async Task<string?> ManagerAsync(string instanceId, string type, CancellationToken cancellationToken)
    {
        var key = $"{instanceId}|{type}";
        if (_managers.TryGetValue(key, out var known))
        {
            return known;
        }

        var found = await commerce.FindImplementingAsync(instanceId, type, cancellationToken).ConfigureAwait(false);
        return found is null ? null : _managers[key] = found;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The controller of instance {InstanceId} has no {ManagerType}; nobody is told on screen.")]
    private partial void LogNoManager(string instanceId, string managerType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Topic} notice about {Subject} was not shown: {Reason}")]
    private partial void LogRefused(string topic, string subject, string reason);
}
