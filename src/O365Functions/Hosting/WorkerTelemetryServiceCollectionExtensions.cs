using Azure.Core;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace O365Functions.FunctionApp.Hosting;

/// <summary>
/// The worker's own telemetry on Azure: its logs (with their scopes and fields), the gateway's traces and metrics and
/// every outgoing HTTP call, sent through OpenTelemetry to Application Insights by the app's identity. Without it the
/// worker's logs reach Application Insights only through the Functions host, flattened to text. Nothing is registered
/// where no Application Insights connection string is set (a developer's machine).
/// </summary>
public static class WorkerTelemetryServiceCollectionExtensions
{
    /// <summary>The setting that names the Application Insights resource.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Adds the worker's telemetry when Application Insights is configured.</summary>
    public static IServiceCollection AddWorkerTelemetry(this IServiceCollection services, IConfiguration configuration, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConnectionStringSetting] is not { Length: > 0 } connectionString)
        {
            return services;
        }

        services.AddOpenTelemetry()
            // Durable's own spans (create_orchestration, orchestration, activity) put each workflow and step in the
            // trace of the APS request that started it; the gateway's spans and each Microsoft call nest inside.
            .WithTracing(tracing => tracing.AddSource(GatewayDefaultsServiceCollectionExtensions.TelemetryName, "Microsoft.DurableTask").AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(GatewayDefaultsServiceCollectionExtensions.TelemetryName))
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                exporter.Credential = credential;
            });
        return services;
    }
}
