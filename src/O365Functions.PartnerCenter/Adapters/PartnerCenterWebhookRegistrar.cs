using O365Functions.Core.Webhooks;
using O365Functions.PartnerCenter.Instances;
using O365Functions.PartnerCenter.Models;

namespace O365Functions.PartnerCenter.Adapters;

/// <summary><see cref="IWebhookRegistrar"/> over the instance's Partner Center client: registers, or updates a registration elsewhere.</summary>
public sealed class PartnerCenterWebhookRegistrar(InstanceMicrosoftClients clients) : IWebhookRegistrar
{
    /// <inheritdoc />
    public async Task<string> EnsureRegisteredAsync(string instanceId, Uri callback, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        var partnerCenter = (await clients.ForInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)).PartnerCenter;
        var registration = new WebhookRegistration { WebhookUrl = callback, WebhookEvents = events };
        var current = await partnerCenter.GetWebhookRegistrationAsync(cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            await partnerCenter.RegisterWebhookAsync(registration, cancellationToken).ConfigureAwait(false);
            return $"Registered {callback}.";
        }

        if (current.WebhookUrl == callback && events.All(e => current.WebhookEvents.Contains(e, StringComparer.OrdinalIgnoreCase)))
        {
            return $"{callback} was already registered.";
        }

        await partnerCenter.UpdateWebhookAsync(registration, cancellationToken).ConfigureAwait(false);
        return $"Moved the registration from {current.WebhookUrl} to {callback}.";
    }
}
