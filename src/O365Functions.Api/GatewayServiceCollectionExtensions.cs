using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using O365Functions.Api.Aps;
using O365Functions.Api.Aps.Authentication;
using O365Functions.Api.Aps.Callbacks;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Aps.Phases;
using O365Functions.Api.Aps.Services;
using O365Functions.Api.Catalog;
using O365Functions.Api.Health;
using O365Functions.Api.Http;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Catalog;
using O365Functions.Core.Consent;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Security;
using O365Functions.Core.State.Records;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.Api;

/// <summary>Registers what the gateway's handlers need; both hosts call it, so they are wired alike.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the handlers and their dependencies. An <see cref="OfferCatalog"/> or <see cref="GatewayLimits"/>
    /// registered before this call is kept; otherwise the gateway starts with <see cref="StarterCatalog"/> and the
    /// default limits. The APS endpoint reads <see cref="ApsOptions"/> from the <c>Aps</c> configuration section.
    /// The host registers the entity store, the secret store and a workflow engine.
    /// </summary>
    public static IServiceCollection AddGatewayApi(this IServiceCollection services)
    {
        services.TryAddSingleton(new GatewayLimits());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClientErrorLog>();
        services.TryAddSingleton<RequestReader>();
        services.TryAddSingleton(_ => StarterCatalog.Create());
        services.TryAddSingleton<PurchasePlanResolver>();
        services.TryAddSingleton<CatalogHandlers>();
        services.TryAddSingleton<HealthHandlers>();
        services.AddApsEndpoint();
        return services;
    }

    private static void AddApsEndpoint(this IServiceCollection services)
    {
        services.AddOptions<ApsOptions>()
            .BindConfiguration(ApsOptions.Section)
            .Validate(
                options => options.OAuth.TimestampWindow > TimeSpan.Zero && options.OAuth.TimestampWindow < OAuthNonceLedger.Retention / 2,
                $"Aps:OAuth:TimestampWindow must be positive and shorter than {(OAuthNonceLedger.Retention / 2).TotalHours:0} hours: nonces are kept {OAuthNonceLedger.Retention.TotalHours:0} hours.")
            .ValidateOnStart();
        services.AddInstanceMicrosoftAdapters();
        services.TryAddSingleton<GatewayRecords>();
        services.TryAddSingleton<InstanceCatalogs>();
        services.TryAddSingleton<IConsentExchange, Consent.InstanceConsentExchange>();
        services.AddOptions<ProvisioningOptions>().BindConfiguration(ProvisioningOptions.Section);
        services.TryAddSingleton<TenantOrderReader>();
        services.AddOptions<Core.Webhooks.WebhookRegistrationOptions>().BindConfiguration(Core.Webhooks.WebhookRegistrationOptions.Section);
        services.TryAddSingleton(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Webhooks.WebhookRegistrationOptions>>().Value);
        services.TryAddSingleton<ApsInstanceDirectory>();
        services.TryAddSingleton<ClientCertificateReader>();
        services.TryAddSingleton<OAuthNonceLedger>();
        services.TryAddSingleton<OAuthRequestVerifier>();
        services.TryAddSingleton<ApsAuthenticator>();
        services.TryAddSingleton<Operations.GatewayControl>();
        services.TryAddSingleton<Operations.AdminKeyGuard>();
        services.AddOptions<Operations.OperatorOptions>().BindConfiguration(Operations.OperatorOptions.Section);
        services.TryAddSingleton<Operations.OperatorAccess>();
        services.TryAddSingleton<Operations.OperationsHandlers>();
        services.TryAddSingleton<Console.ConsoleHandlers>();
        services.TryAddSingleton<Console.ConsoleAssets>();
        services.TryAddSingleton<ApsPhases>();
        services.TryAddSingleton<IApsController, ApsControllerClient>();
        services.TryAddSingleton<CommerceController>();
        services.TryAddSingleton<CommerceNotifications>();
        services.TryAddSingleton<InstanceUpgrade>();
        services.AddSingleton<ApsService, AppService>();
        services.AddSingleton<ApsService>(provider => ActivatorUtilities.CreateInstance<OfferTypeService>(provider, ApsPackage.LicenseTypes));
        services.AddSingleton<ApsService>(provider => ActivatorUtilities.CreateInstance<OfferTypeService>(provider, ApsPackage.AddonTypes));
        services.AddSingleton<ApsService, TenantService>();
        services.AddSingleton<ApsService, UserService>();
        services.AddSingleton<ApsService, DomainService>();
        services.TryAddSingleton<InstallThrottle>();
        services.TryAddSingleton<ApsEndpoint>();
        services.TryAddSingleton<Consent.ConsentFlow>();
    }
}
