using O365Functions.Core.State.Records;

namespace O365Functions.Core.Webhooks;

/// <summary>Where Partner Center should send the gateway's callbacks (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookRegistrationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Webhooks";

    /// <summary>The gateway's public callback URL (<c>https://host/webhooks/partner-center</c>); none registers nothing.</summary>
    public Uri? CallbackUri { get; set; }

    /// <summary>The events the gateway acts on.</summary>
    public IReadOnlyList<string> Events { get; set; } = ["subscription-updated", "reseller-relationship-accepted-by-customer", "test-created"];
}

/// <summary>Registers (or updates) a partner's webhook with Partner Center.</summary>
public interface IWebhookRegistrar
{
    /// <summary>Makes Partner Center send <paramref name="events"/> to <paramref name="callback"/> for the instance's partner; returns what it did.</summary>
    Task<string> EnsureRegisteredAsync(string instanceId, Uri callback, IReadOnlyList<string> events, CancellationToken cancellationToken);
}

/// <summary>The callback URL last registered for an instance.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="CallbackUri">The URL Partner Center calls.</param>
public sealed record WebhookRegistrationRecord(string InstanceId, Uri CallbackUri);

/// <summary>
/// Registers each authenticated instance's webhook once, and again when the gateway's callback URL changes: the URL
/// registered is recorded, so a daily consent check makes no Partner Center call while it is the same.
/// </summary>
public static class WebhookRegistrations
{
    /// <summary>The activity's name.</summary>
    public const string ActivityName = "RegisterWebhook";

    /// <summary>The activity: register when the recorded URL is not the configured one.</summary>
    public static async Task<string> EnsureAsync(IWebhookRegistrar? registrar, GatewayRecords records, WebhookRegistrationOptions options, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        if (options.CallbackUri is not { } callback)
        {
            return "No callback URL is configured (Webhooks:CallbackUri); nothing registered.";
        }

        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.WebhookRegistration(instanceId);
        if ((await store.GetAsync<WebhookRegistrationRecord>(key, cancellationToken).ConfigureAwait(false))?.Record.CallbackUri == callback)
        {
            return $"{callback} is registered.";
        }

        var done = await (registrar ?? throw new InvalidOperationException("A callback URL is configured but no webhook registrar is registered.")).EnsureRegisteredAsync(instanceId, callback, options.Events, cancellationToken).ConfigureAwait(false);
        await store.UpsertAsync(key, new WebhookRegistrationRecord(instanceId, callback), cancellationToken).ConfigureAwait(false);
        return done;
    }
}
