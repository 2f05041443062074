using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
    /// Adds the receiver. It trusts Microsoft's public cloud by default, and every cloud configured under
    /// <see cref="SignatureSection"/> (<c>Clouds:{name}:CertificateOrigins</c>, <c>Organization</c>,
    /// <c>TrustAnchorsFile</c>, <c>RevocationMode</c>); a host may adjust it further with
    /// <c>services.Configure&lt;WebhookSignatureOptions&gt;</c>, which runs when the receiver is first used, after the
    /// host has started, so it may read addresses known only then (the emulator's). The host registers the
    /// <see cref="Core.State.IEntityStore"/> the event ledger writes to.
    /// </summary>
    public static IServiceCollection AddPartnerCenterWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookSignatureOptions>().BindConfiguration(SignatureSection);
        services.PostConfigure<WebhookSignatureOptions>(options =>
        {
            foreach (var (name, cloud) in options.Clouds.Where(c => c.Value.TrustAnchorsFile is not null && c.Value.TrustAnchors is null))
            {
                cloud.TrustAnchors = ReadAnchors(name, cloud.TrustAnchorsFile!);
            }
        });
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
        services.TryAddSingleton<WebhookRefusals>();
        services.TryAddSingleton<PartnerCenterEventDispatch>();
        services.AddSingleton<PartnerCenterWebhookHandlers>();
        return services;
    }

    /// <summary>The configuration section of <see cref="WebhookSignatureOptions"/>, the same on both hosts (<c>Webhooks__Signature__...</c> on Azure).</summary>
    public const string SignatureSection = "Webhooks:Signature";

    private static X509Certificate2Collection ReadAnchors(string cloud, string file)
    {
        var anchors = new X509Certificate2Collection();
        try
        {
            anchors.ImportFromPemFile(file);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"{SignatureSection}:Clouds:{cloud}:TrustAnchorsFile names '{file}', which is not a readable PEM file of root certificates ({unreadable.Message}).", unreadable);
        }

        return anchors.Count > 0
            ? anchors
            : throw new InvalidOperationException($"{SignatureSection}:Clouds:{cloud}:TrustAnchorsFile names '{file}', which holds no certificate.");
    }
}
