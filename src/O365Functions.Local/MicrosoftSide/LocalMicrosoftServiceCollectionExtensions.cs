using System.Security.Cryptography.X509Certificates;
using O365Functions.Api.Webhooks;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;
using O365Functions.Emulators;
using O365Functions.Emulators.Webhooks;
using O365Functions.PartnerCenter.Instances;
using O365Functions.PartnerCenter.Webhooks;
using O365Functions.Storage.Secrets;

namespace O365Functions.Local.MicrosoftSide;

/// <summary>
/// Wires the Microsoft side of the local gateway. The <c>Microsoft</c> configuration section chooses the mode:
/// <c>Emulated</c> (default) starts the emulator on <c>127.0.0.1:{EmulatorPort}</c> (7072; 0 picks a free port) and
/// points every instance that names no endpoints of its own at it; <c>Live</c> leaves each instance to Microsoft's
/// cloud it names. Either way each instance brings its own partner tenant, application id and secret with its APS
/// install, kept in the local secret store under <c>Storage:DataDirectory</c> (<c>.data</c> by default).
/// </summary>
public static class LocalMicrosoftServiceCollectionExtensions
{
    /// <summary>Adds the secret store, the emulator in emulated mode, and the webhook receiver.</summary>
    public static IServiceCollection AddMicrosoftSide(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Microsoft");
        var mode = section.GetValue("Mode", MicrosoftMode.Emulated);
        var data = LocalDataDirectory.From(configuration);
        services.AddSingleton<ISecretStore>(_ => new LocalSecretStore(LocalSecretStoreOptions.In(data)));
        if (mode == MicrosoftMode.Emulated)
        {
            var emulator = new MicrosoftEmulator(new MicrosoftEmulatorOptions { Port = section.GetValue("EmulatorPort", 7072) });
            services.AddSingleton(emulator);
            services.AddHostedService<EmulatorHostedService>();
            // Instances that name no endpoints of their own talk to the emulator; its address is known once it listens,
            // and instances' clients are built on first use, after the host has started.
            services.AddSingleton(new DefaultMicrosoftEndpoints(() => new MicrosoftEndpointsRecord(
                emulator.BaseUri.GetLeftPart(UriPartial.Authority), emulator.BaseUri.GetLeftPart(UriPartial.Authority), emulator.GraphBaseUri.AbsoluteUri[..^"/v1.0/".Length])));
            // The emulator's one origin only: Microsoft's certificate host has no business in emulated mode.
            services.AddPartnerCenterWebhooks();
            services.Configure<WebhookSignatureOptions>(options =>
            {
                options.Clouds.Clear();
                options.Clouds["emulator"] = new WebhookCloudTrust
                {
                    CertificateOrigins = [new Uri(emulator.BaseUri.GetLeftPart(UriPartial.Authority))],
                    Organization = WebhookSigner.Organization,
                    TrustAnchors = [emulator.Signer.Root],
                    RevocationMode = X509RevocationMode.NoCheck,
                };
            });
        }
        else
        {
            services.AddPartnerCenterWebhooks();
        }

        return services;
    }
}
