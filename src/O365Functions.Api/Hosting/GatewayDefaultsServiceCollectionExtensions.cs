using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using O365Functions.Api.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace O365Functions.Api.Hosting;

/// <summary>
/// What every host of the gateway sets up the same way before its own wiring: logging, the clock, the last spans kept
/// for the console (<see cref="RecentSpans"/>), and, when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector, OpenTelemetry traces and metrics of the gateway's own source
/// and of every outgoing HTTP call (Partner Center, Entra, Graph, Key Vault, Table Storage) exported to it over OTLP.
/// </summary>
public static class GatewayDefaultsServiceCollectionExtensions
{
    /// <summary>The name of the gateway's own trace source and meter, and its service name in telemetry.</summary>
    public const string TelemetryName = Core.Telemetry.GatewayTelemetry.Name;

    /// <summary>The setting that turns on the OTLP exporter (the OpenTelemetry SDK's own variable).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Adds the defaults; both hosts call it first.</summary>
    public static IServiceCollection AddGatewayDefaults(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new RecentSpans(configuration.GetValue(RecentSpans.CapacitySetting, RecentSpans.DefaultCapacity)));
        services.AddHostedService<RecentSpansRecording>();

        if (string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            // Nothing would receive the spans: recording them would cost every request and every call for nothing.
            return services;
        }

        // W3C trace context only, which .NET's own handler writes and each handler can turn off (the certificate
        // fetcher's does): OpenTelemetry's default propagator adds baggage, and then writes the headers itself.
        Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(TelemetryName))
            .WithTracing(tracing => tracing.AddSource(TelemetryName).AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(TelemetryName).AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
