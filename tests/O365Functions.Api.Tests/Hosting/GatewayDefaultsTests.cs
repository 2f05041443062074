using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Hosting;
using O365Functions.Api.Tests.Hostile;
using O365Functions.Api.Webhooks;
using O365Functions.PartnerCenter.Webhooks;
using OpenTelemetry.Trace;

namespace O365Functions.Api.Tests.Hosting;

/// <summary>The defaults both hosts start with: telemetry only where an exporter receives it, and never toward third parties.</summary>
public sealed class GatewayDefaultsTests
{
    [Fact]
    public void Without_a_collector_no_tracing_is_registered()
    {
        using var services = Services(otlpEndpoint: null);

        Assert.Null(services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_tracing_exported_calls_carry_trace_context_but_certificate_downloads_do_not()
    {
        await using var server = await HostileCertificateServer.StartAsync([1, 2, 3]);
        using var services = Services(otlpEndpoint: "http://127.0.0.1:9");
        Assert.NotNull(services.GetService<TracerProvider>());
        var fetcher = new CertificateFetcher(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CertificateFetcher)),
            new WebhookSignatureOptions { Clouds = { ["test"] = new WebhookCloudTrust { CertificateOrigins = [server.Origin] } } });
        using var source = new ActivitySource(GatewayDefaultsServiceCollectionExtensions.TelemetryName);

        using (source.StartActivity("webhook"))
        {
            using var plain = services.GetRequiredService<IHttpClientFactory>().CreateClient();
            (await plain.GetAsync(server.Url("/cert/plain.cer"))).Dispose();
            await Assert.ThrowsAnyAsync<Exception>(() => fetcher.GetAsync(server.Url("/cert/fetched.cer")));
        }

        var headers = server.Headers.ToArray();
        Assert.Equal(2, headers.Length);
        Assert.Contains("traceparent", headers[0].Keys);
        Assert.DoesNotContain(headers[1].Keys, name => name is "traceparent" or "tracestate" or "Request-Id" or "baggage" or "Correlation-Context");
    }

    private static ServiceProvider Services(string? otlpEndpoint)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(otlpEndpoint is null ? [] : [new(GatewayDefaultsServiceCollectionExtensions.OtlpEndpointSetting, otlpEndpoint)])
            .Build();
        return new ServiceCollection().AddGatewayDefaults(configuration).AddPartnerCenterWebhooks().BuildServiceProvider();
    }
}
