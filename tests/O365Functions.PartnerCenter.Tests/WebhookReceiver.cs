using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using O365Functions.Api;
using O365Functions.Api.Webhooks;
using O365Functions.Emulators;
using O365Functions.Emulators.Webhooks;
using O365Functions.PartnerCenter.Webhooks;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>The gateway's webhook endpoint on its own loopback port, as Partner Center would reach it.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<WebhookReceiver> StartAsync(Action<WebhookSignatureOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddPartnerCenterWebhooks(configure);
        var app = builder.Build();
        app.MapPartnerCenterWebhooks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookReceiver(app, new Uri(new Uri(address), "/webhooks/partner-center"));
    }

    /// <summary>A receiver that trusts <paramref name="emulator"/>'s webhook root and certificate host, as the local gateway does.</summary>
    public static Task<WebhookReceiver> TrustingAsync(MicrosoftEmulator emulator, string organization = WebhookSigner.Organization) =>
        StartAsync(options =>
        {
            options.AllowedCertificateHosts.Add("127.0.0.1");
            options.RequireHttpsCertificateUrl = false;
            options.RequiredOrganization = organization;
            options.TrustAnchors = [emulator.Signer.Root];
            options.RevocationMode = X509RevocationMode.NoCheck;
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
