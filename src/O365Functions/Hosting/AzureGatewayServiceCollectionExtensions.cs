using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api;
using O365Functions.Api.Aps;
using O365Functions.Api.Hosting;
using O365Functions.Api.Webhooks;
using O365Functions.Core.Secrets;
using O365Functions.Core.State;
using O365Functions.Core.Webhooks;
using O365Functions.Storage.Secrets;
using O365Functions.Storage.TableStorage;

namespace O365Functions.FunctionApp.Hosting;

/// <summary>
/// Wires the gateway for Azure: state in Table Storage and secrets in Key Vault by the app's identity (a developer's own
/// sign-in under <c>func start</c>), Microsoft live, and the worker's logs, traces and metrics to Application Insights
/// through OpenTelemetry.
/// </summary>
public static class AzureGatewayServiceCollectionExtensions
{
    /// <summary>Adds everything the app's functions use.</summary>
    public static IServiceCollection AddAzureGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewayDefaults(configuration);
        var settings = AzureGatewaySettings.Read(configuration);
        // The user-assigned identity on Azure; on a developer's machine, where there is none, their own sign-in.
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = settings.ManagedIdentityClientId,
            ExcludeInteractiveBrowserCredential = true,
        });
        services.AddSingleton(settings.Retention);
        services.AddSingleton<IEntityStore>(settings.TableConnectionString is { } connectionString
            ? new TableStorageEntityStore(connectionString)
            : new TableStorageEntityStore(settings.TableServiceUri!, credential));
        services.AddWorkerTelemetry(configuration, credential);
        services.AddSingleton<ISecretStore>(new KeyVaultSecretStore(new SecretClient(settings.KeyVaultUri, credential)));
        services.AddPartnerCenterWebhooks();
        services.AddGatewayApi();
        services.PostConfigure<WebhookRegistrationOptions>(options => options.CallbackUri = settings.WebhookCallbackUri);

        // App Service terminates TLS and forwards the client certificate in X-ARR-ClientCert; the insecure mode is for
        // a developer's machine and stops the app at start.
        services.PostConfigure<ApsOptions>(options => options.Certificate.FromForwardedHeader = true);
        services.AddOptions<ApsOptions>()
            .Validate(options => !options.InsecureDevelopment, "Aps__InsecureDevelopment is for the local gateway only; remove it from the app settings.")
            .ValidateOnStart();
        return services;
    }
}
