using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace O365Functions.Testing;

/// <summary>
/// A real web server on 127.0.0.1 and a free port, for the tests' stand-ins of other parties (a vault, a certificate
/// host, the gateway's webhook endpoint): Kestrel with no log output, plain HTTP or HTTPS with a given certificate.
/// </summary>
internal sealed class LoopbackWebServer : IAsyncDisposable
{
    private LoopbackWebServer(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    /// <summary>The running application, for its services.</summary>
    public WebApplication App { get; }

    /// <summary>Where it listens: <c>http(s)://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Builds the server (<paramref name="configure"/> adds services), maps its routes and middleware with
    /// <paramref name="map"/>, and starts it; with <paramref name="https"/> it speaks TLS with that certificate.
    /// </summary>
    public static async Task<LoopbackWebServer> StartAsync(Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null, X509Certificate2? https = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https is not null)
            {
                listen.UseHttps(https);
            }
        }));
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackWebServer(app, new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
