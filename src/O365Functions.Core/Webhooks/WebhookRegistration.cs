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
