using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using O365Functions.Api;
using O365Functions.Api.Webhooks;
using O365Functions.Core.Jobs;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;
using O365Functions.Emulators;
using O365Functions.Emulators.Webhooks;
using O365Functions.Orchestration;
using O365Functions.PartnerCenter.Webhooks;
using O365Functions.Storage.Sqlite;
using O365Functions.Testing;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>The gateway's webhook endpoint on its own loopback port, as Partner Center would reach it.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackWebServer _web;
    private readonly DirectoryInfo _data;

    private WebhookReceiver(LoopbackWebServer web, DirectoryInfo data)
    {
        _web = web;
        Endpoint = new Uri(web.Address, "/webhooks/partner-center");
        _data = data;
    }

    public Uri Endpoint { get; }

    public static async Task<WebhookReceiver> StartAsync(Action<WebhookSignatureOptions> configure, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var data = Directory.CreateTempSubdirectory("o365-webhooks-");
        var web = await LoopbackWebServer.StartAsync(app => app.MapPartnerCenterWebhooks(), builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            builder.Services.AddGatewayApi();
            builder.Services.AddSingleton<IEntityStore>(new SqliteEntityStore(Path.Combine(data.FullName, "gateway.db")));

            // The route hands verified events to the workflow engine; here the engine stores them and runs none.
            builder.Services.AddSingleton(provider =>
            {
                var registry = new WorkflowRegistry();
                GatewayJobs.RegisterWorkflows(registry, provider);
                return new EmbeddedWorkflowRuntime(provider.GetRequiredService<IEntityStore>(), registry, new EmbeddedRuntimeOptions(), provider.GetRequiredService<ILoggerFactory>());
            });
            builder.Services.AddSingleton<IWorkflowClient>(provider => provider.GetRequiredService<EmbeddedWorkflowRuntime>().Client);
            builder.Services.AddPartnerCenterWebhooks();
            builder.Services.Configure(configure);
        });
        return new WebhookReceiver(web, data);
    }

    /// <summary>A receiver that trusts <paramref name="emulator"/>'s webhook root and certificate host, as the local gateway does.</summary>
    public static Task<WebhookReceiver> TrustingAsync(MicrosoftEmulator emulator, string organization = WebhookSigner.Organization) =>
        StartAsync(options =>
        {
            options.Clouds["emulator"] = new WebhookCloudTrust
            {
                CertificateOrigins = [EmulatorOrigin(emulator)],
                Organization = organization,
                TrustAnchors = [emulator.Signer.Root],
                RevocationMode = X509RevocationMode.NoCheck,
            };
        });

    /// <summary>The origin the emulator serves its signing certificate from.</summary>
    public static Uri EmulatorOrigin(MicrosoftEmulator emulator) => new(emulator.BaseUri.GetLeftPart(UriPartial.Authority));

    public async ValueTask DisposeAsync()
    {
        await _web.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
