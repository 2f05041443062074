using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Webhooks;

/// <summary>
/// Registers an authenticated instance's webhook once, and again when the gateway's callback URL changes: the URL
/// registered is recorded, so a daily consent check makes no Partner Center call while it is the same.
/// </summary>
public sealed class RegisterWebhook(GatewayRecords records, IWebhookRegistrar? registrar = null, WebhookRegistrationOptions? options = null)
    : Activity<RegisterWebhook, string, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(string input, CancellationToken cancellationToken)
    {
        if (options?.CallbackUri is not { } callback)
        {
            return "No callback URL is configured (Webhooks:CallbackUri); nothing registered.";
        }

        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.WebhookRegistration(input);
        if ((await store.GetAsync<WebhookRegistrationRecord>(key, cancellationToken).ConfigureAwait(false))?.Record.CallbackUri == callback)
        {
            return $"{callback} is registered.";
        }

        var done = await (registrar ?? throw new InvalidOperationException("A callback URL is configured but no webhook registrar is registered."))
            .EnsureRegisteredAsync(input, callback, options.Events, cancellationToken).ConfigureAwait(false);
        await store.UpsertAsync(key, new WebhookRegistrationRecord(input, callback), cancellationToken).ConfigureAwait(false);
        return done;
    }
}
