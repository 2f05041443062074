using Microsoft.Extensions.Configuration;
using O365Functions.Api.Webhooks;
using O365Functions.Core.Workflows.Maintenance;

namespace O365Functions.FunctionApp.Hosting;

/// <summary>
/// The app settings the gateway's own code reads on Azure, read in this one place so that a test can hold them to
/// what <c>infra/main.bicep</c> sets. The Functions host reads its own (<c>AzureWebJobsStorage__*</c>, Application
/// Insights, the task hub of host.json, timer schedules): see <see cref="HostSettings"/>.
/// </summary>
/// <param name="ManagedIdentityClientId">
/// Client id of the app's user-assigned identity (<c>AZURE_CLIENT_ID</c>); absent on a developer's machine, where the
/// developer's own sign-in (Azure CLI, Visual Studio) is used.
/// </param>
/// <param name="TableServiceUri">The table endpoint of the gateway's state (<c>Storage__TableServiceUri</c>), or null with a connection string.</param>
/// <param name="TableConnectionString">
/// A Table Storage connection string (<c>Storage__ConnectionString</c>), for Azurite when the app runs on a developer's
/// machine (<c>UseDevelopmentStorage=true</c>); it wins over the endpoint and is never set on Azure.
/// </param>
/// <param name="KeyVaultUri">The vault holding the gateway's secrets (<c>Secrets__KeyVaultUri</c>).</param>
/// <param name="Retention">How long finished workflows are kept (<c>WorkflowHistoryRetentionDays</c>).</param>
/// <param name="WebhookCallbackUri">
/// The URL Partner Center calls back: <c>Webhooks__CallbackUri</c> when set (a custom domain, a gateway in front), or
/// else the app's own default host name, which App Service gives every app as <c>WEBSITE_HOSTNAME</c>; null only off
/// App Service with neither set, and then no webhook is registered.
/// </param>
public sealed record AzureGatewaySettings(
    string? ManagedIdentityClientId, Uri? TableServiceUri, Uri KeyVaultUri, WorkflowRetentionOptions Retention, Uri? WebhookCallbackUri, string? TableConnectionString = null)
{
    /// <summary>Settings the Functions host and its extensions read, which the gateway's code does not.</summary>
    public static IReadOnlyList<string> HostSettings { get; } =
    [
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>Settings App Service sets on every app by itself, which the gateway reads and the template must not set.</summary>
    public static IReadOnlyList<string> PlatformSettings { get; } = ["WEBSITE_HOSTNAME"];

    /// <summary>Settings for running the app on a developer's machine (<c>func start</c> on Azurite), which the template must not set.</summary>
    public static IReadOnlyList<string> DevelopmentSettings { get; } = ["Storage__ConnectionString"];

    /// <summary>
    /// Reads and checks the settings; a missing or malformed one stops the app at start with its name. There is no
    /// Microsoft credential among them: each application instance brings its own with its APS install.
    /// </summary>
    public static AzureGatewaySettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration["Storage:ConnectionString"] is { Length: > 0 } text ? text : null;
        return new AzureGatewaySettings(
            configuration["AZURE_CLIENT_ID"] is { Length: > 0 } clientId ? clientId : null,
            connectionString is null ? RequiredUri(configuration, "Storage:TableServiceUri") : null,
            RequiredUri(configuration, "Secrets:KeyVaultUri"),
            WorkflowRetentionOptions.FromSetting(configuration[WorkflowRetentionOptions.Setting]),
            WebhookCallback(configuration),
            connectionString);
    }

    private static Uri? WebhookCallback(IConfiguration configuration)
    {
        if (configuration["Webhooks:CallbackUri"] is { Length: > 0 })
        {
            return RequiredUri(configuration, "Webhooks:CallbackUri");
        }

        return configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host
            && Uri.TryCreate($"https://{host}{PartnerCenterWebhookHandlers.Route}", UriKind.Absolute, out var derived)
                ? derived
                : null;
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The app setting {key.Replace(":", "__", StringComparison.Ordinal)} is missing; infra/main.bicep sets it, and docs/deploy.md says what it means.");

    private static Uri RequiredUri(IConfiguration configuration, string key) =>
        Uri.TryCreate(Required(configuration, key), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"The app setting {key.Replace(":", "__", StringComparison.Ordinal)} must be an https URL.");
}
