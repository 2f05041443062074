extern alias functionapp;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Core.Jobs;
using O365Functions.Core.Webhooks;
using AzureGatewayServiceCollectionExtensions = functionapp::O365Functions.FunctionApp.Hosting.AzureGatewayServiceCollectionExtensions;
using AzureGatewaySettings = functionapp::O365Functions.FunctionApp.Hosting.AzureGatewaySettings;

namespace O365Functions.Api.Tests.Parity;

/// <summary>The local gateway and the Functions app are one product: the same routes, jobs and settings.</summary>
public sealed partial class HostParityTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public void Every_route_of_the_local_gateway_is_a_function_with_the_same_method_and_path_and_the_other_way_round()
    {
        var local = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method.ToUpperInvariant()} /{endpoint.RoutePattern.RawText!.TrimStart('/')}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var azure = FunctionAppTriggers.WithParameter<HttpTriggerAttribute>()
            .SelectMany(f => (f.Trigger.Methods ?? ["*"]).Select(method => $"{method.ToUpperInvariant()} /{f.Trigger.Route}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(local);
        Assert.Equal(local, azure);
    }

    [Fact]
    public void Every_timer_job_is_a_timer_function_on_its_setting_with_a_durable_client_and_nothing_else_is()
    {
        var timers = FunctionAppTriggers.WithParameter<TimerTriggerAttribute>().ToList();

        Assert.Equal(GatewayJobs.Timers.Select(job => job.Name).Order(), timers.Select(t => t.Name).Order());
        foreach (var job in GatewayJobs.Timers)
        {
            Assert.Equal($"%{job.ScheduleSetting}%", timers.Single(t => t.Name == job.Name).Trigger.Schedule);
            Assert.True(FunctionAppTriggers.HasParameter<DurableClientAttribute>(job.Name), $"{job.Name} needs a [DurableClient] to reach the workflows.");
        }
    }

    [Fact]
    public void Every_registered_workflow_is_an_orchestration_function_and_nothing_else_is()
    {
        var orchestrators = FunctionAppTriggers.WithParameter<OrchestrationTriggerAttribute>().Select(f => f.Name);

        Assert.Equal(GatewayJobs.WorkflowNames.Order(), orchestrators.Order());
    }

    [Fact]
    public void Every_registered_activity_is_an_activity_function_and_nothing_else_is()
    {
        var activities = FunctionAppTriggers.WithParameter<ActivityTriggerAttribute>().Select(f => f.Name);

        Assert.NotEmpty(GatewayJobs.ActivityNames);
        Assert.Equal(GatewayJobs.ActivityNames.Order(), activities.Order());
    }

    [Fact]
    public void Every_setting_the_code_reads_is_set_by_main_bicep_and_main_bicep_sets_nothing_that_no_code_reads()
    {
        var bicep = BicepAppSettings();
        var recording = new RecordingConfigurationSource(bicep.ToDictionary(key => key.Replace("__", ":", StringComparison.Ordinal), SampleValue));
        var configuration = new ConfigurationBuilder().Add(recording).Build();

        AzureGatewayServiceCollectionExtensions.AddAzureGateway(new ServiceCollection(), configuration);
        var read = recording.Provider.ReadKeys.Select(key => key.Replace(":", "__", StringComparison.Ordinal))
            .Except(AzureGatewaySettings.PlatformSettings, StringComparer.OrdinalIgnoreCase)
            .Except(AzureGatewaySettings.DevelopmentSettings, StringComparer.OrdinalIgnoreCase);
        var expected = read
            .Concat(AzureGatewaySettings.HostSettings)
            .Concat(PercentTokens(File.ReadAllText(Path.Combine(Repository.Root, "host.json"))))
            .Concat(FunctionAppTriggers.WithParameter<TimerTriggerAttribute>().SelectMany(t => PercentTokens(t.Trigger.Schedule)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase);

        Assert.Equal(expected, bicep.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Durable_stamps_new_instances_with_the_current_workflow_version_and_leaves_newer_ones_alone_as_the_local_runtime_does()
    {
        var durable = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "host.json")))!["extensions"]!["durableTask"]!;

        Assert.Equal(Core.Workflows.WorkflowVersions.Current, durable["defaultVersion"]!.GetValue<string>());
        Assert.Equal("CurrentOrOlder", durable["versionMatchStrategy"]!.GetValue<string>());
        Assert.Equal("Reject", durable["versionFailureStrategy"]!.GetValue<string>());
        Assert.Equal(Core.Workflows.WorkflowVersions.Current, new Orchestration.EmbeddedRuntimeOptions().WorkflowVersion);
    }

    [Fact]
    public void Every_http_function_is_anonymous_as_its_local_route_is_and_guards_itself()
    {
        // The gateway authenticates what needs it (APS, webhooks, the operator's key); a function key would be a
        // second, undocumented secret on Azure that the local gateway does not have.
        Assert.All(FunctionAppTriggers.WithParameter<HttpTriggerAttribute>(), function =>
            Assert.True(function.Trigger.AuthLevel == AuthorizationLevel.Anonymous, $"{function.Name} asks for a function key."));
    }

    [Fact]
    public void With_Application_Insights_configured_the_worker_exports_its_own_traces_metrics_and_logs()
    {
        using var without = AzureGatewayServiceCollectionExtensions.AddAzureGateway(new ServiceCollection(), Configuration()).BuildServiceProvider();
        using var with = AzureGatewayServiceCollectionExtensions.AddAzureGateway(new ServiceCollection(), Configuration(
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.test/"))).BuildServiceProvider();

        using var both = AzureGatewayServiceCollectionExtensions.AddAzureGateway(new ServiceCollection(), Configuration(
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.test/"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"))).BuildServiceProvider();

        Assert.NotNull(both.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(without.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(with.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(with.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }

    [Fact]
    public void Under_func_start_the_app_takes_Azurites_connection_string_and_the_developers_own_sign_in()
    {
        var configuration = Configuration(("AZURE_CLIENT_ID", ""), ("Storage:ConnectionString", "UseDevelopmentStorage=true"));

        var settings = AzureGatewaySettings.Read(configuration);
        using var services = AzureGatewayServiceCollectionExtensions.AddAzureGateway(new ServiceCollection(), configuration).BuildServiceProvider();

        Assert.Null(settings.ManagedIdentityClientId);
        Assert.Null(settings.TableServiceUri);
        Assert.Equal("UseDevelopmentStorage=true", settings.TableConnectionString);
        Assert.IsType<O365Functions.Storage.TableStorage.TableStorageEntityStore>(services.GetRequiredService<Core.State.IEntityStore>());
    }

    [Fact]
    public void A_missing_setting_stops_the_functions_app_at_start_with_its_app_setting_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AZURE_CLIENT_ID"] = "id" }).Build();

        var ex = Assert.Throws<InvalidOperationException>(() => AzureGatewaySettings.Read(configuration));

        Assert.Contains("Storage__TableServiceUri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_configured_callback_the_webhook_url_is_the_apps_own_host_on_the_webhook_route()
    {
        var route = FunctionAppTriggers.WithParameter<HttpTriggerAttribute>().Select(f => "/" + f.Trigger.Route);

        var configuration = Configuration(("WEBSITE_HOSTNAME", "o365-gw.azurewebsites.net"), ("Webhooks:CallbackUri", ""));
        var settings = AzureGatewaySettings.Read(configuration);
        using var app = AzureGatewayServiceCollectionExtensions.AddAzureGateway(new ServiceCollection().AddSingleton(configuration), configuration).BuildServiceProvider();

        Assert.Equal(new Uri("https://o365-gw.azurewebsites.net/webhooks/partner-center"), settings.WebhookCallbackUri);
        Assert.Contains(settings.WebhookCallbackUri!.AbsolutePath, route);
        Assert.Equal(settings.WebhookCallbackUri, app.GetRequiredService<WebhookRegistrationOptions>().CallbackUri);
    }

    [Fact]
    public void A_configured_callback_wins_over_the_host_name_and_must_be_https()
    {
        var configured = AzureGatewaySettings.Read(Configuration(("WEBSITE_HOSTNAME", "o365-gw.azurewebsites.net"), ("Webhooks:CallbackUri", "https://csp.example.com/webhooks/partner-center")));
        var ex = Assert.Throws<InvalidOperationException>(() => AzureGatewaySettings.Read(Configuration(("Webhooks:CallbackUri", "http://csp.example.com/hook"))));
        var neither = AzureGatewaySettings.Read(Configuration());

        Assert.Equal(new Uri("https://csp.example.com/webhooks/partner-center"), configured.WebhookCallbackUri);
        Assert.Contains("Webhooks__CallbackUri", ex.Message, StringComparison.Ordinal);
        Assert.Null(neither.WebhookCallbackUri);
    }

    /// <summary>The settings the app needs, with <paramref name="extra"/> added or replacing them.</summary>
    private static IConfiguration Configuration(params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["AZURE_CLIENT_ID"] = "id",
            ["Storage:TableServiceUri"] = "https://account.table.core.windows.net/",
            ["Secrets:KeyVaultUri"] = "https://vault.vault.azure.net/",
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static string? SampleValue(string key) => key switch
    {
        _ when key.EndsWith("Uri", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Host", StringComparison.OrdinalIgnoreCase) => "https://example.test/",
        _ when key.EndsWith("Days", StringComparison.OrdinalIgnoreCase) => "30",
        _ => "sample",
    };

    private static List<string> BicepAppSettings()
    {
        var bicep = File.ReadAllText(Path.Combine(Repository.Root, "infra", "main.bicep"));
        var block = AppSettingsBlock().Match(bicep);
        Assert.True(block.Success, "infra/main.bicep has no appSettings block.");
        return SettingKey().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
    }

    private static IEnumerable<string> PercentTokens(string text) => PercentToken().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"appSettings:\s*\{(.*?)\n    \}", RegexOptions.Singleline)]
    private static partial Regex AppSettingsBlock();

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:", RegexOptions.Multiline)]
    private static partial Regex SettingKey();

    [GeneratedRegex(@"%([A-Za-z0-9_:]+)%")]
    private static partial Regex PercentToken();

    private sealed class RecordingConfigurationSource(IDictionary<string, string?> values) : IConfigurationSource
    {
        public RecordingConfigurationProvider Provider { get; } = new(values);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    private sealed class RecordingConfigurationProvider : ConfigurationProvider
    {
        public RecordingConfigurationProvider(IDictionary<string, string?> values)
        {
            foreach (var (key, value) in values)
            {
                Data[key] = value;
            }
        }

        public HashSet<string> ReadKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override bool TryGet(string key, out string? value)
        {
            ReadKeys.Add(key);
            return base.TryGet(key, out value);
        }
    }
}
