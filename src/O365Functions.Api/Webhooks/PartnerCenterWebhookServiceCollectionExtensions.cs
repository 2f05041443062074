using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using O365Functions.Core.Webhooks;
using O365Functions.PartnerCenter.Webhooks;

namespace O365Functions.Api.Webhooks;

/// <summary>Registers the webhook receiver, its certificate fetcher, signature verifier and event ledger.</summary>
public static class PartnerCenterWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Adds the receiver. It trusts Microsoft by default; a host adjusts the allow list and trust with
    /// <c>services.Configure&lt;WebhookSignatureOptions&gt;</c>, which runs when the receiver is first used, after the
    /// host has started, so it may read addresses known only then (the emulator's). The host registers the
    /// <see cref="Core.State.IEntityStore"/> the event ledger writes to.
    /// </summary>
    public static IServiceCollection AddPartnerCenterWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookSignatureOptions>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<WebhookSignatureOptions>>().Value);
        services.AddHttpClient(nameof(CertificateFetcher), http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect could lead anywhere; the allow list is checked on the URL the callback names, and only there.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                // Certificate hosts are third parties: they learn nothing of the gateway's traces.
                ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
            });
        services.AddSingleton(provider => new CertificateFetcher(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CertificateFetcher)),
            provider.GetRequiredService<WebhookSignatureOptions>()));
        services.AddSingleton<WebhookSignatureVerifier>();
        services.AddSingleton<WebhookEventLedger>();
        services.TryAddSingleton<PartnerCenterEventDispatch>();
        services.AddSingleton<PartnerCenterWebhookHandlers>();
        return services;
    }
}
