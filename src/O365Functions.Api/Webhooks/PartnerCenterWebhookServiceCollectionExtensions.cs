using Microsoft.Extensions.DependencyInjection;
using O365Functions.PartnerCenter.Webhooks;

namespace O365Functions.Api.Webhooks;

/// <summary>Registers the webhook receiver and its signature verifier.</summary>
public static class PartnerCenterWebhookServiceCollectionExtensions
{
    /// <summary>Adds the receiver; <paramref name="configure"/> adjusts the allow list and trust (Microsoft's by default).</summary>
    public static IServiceCollection AddPartnerCenterWebhooks(this IServiceCollection services, Action<WebhookSignatureOptions>? configure = null)
    {
        var options = new WebhookSignatureOptions();
        configure?.Invoke(options);
        services.AddHttpClient(nameof(WebhookSignatureVerifier));
        services.AddSingleton(provider => new WebhookSignatureVerifier(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookSignatureVerifier)), options));
        services.AddSingleton<PartnerCenterWebhookHandlers>();
        return services;
    }
}
