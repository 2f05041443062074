using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Http;
using O365Functions.Core.Secrets;
using O365Functions.Emulators;
using O365Functions.Emulators.Aps;

namespace O365Functions.Api.Tests.Aps;

/// <summary>
/// The local gateway on HTTPS on a loopback port (Kestrel asking for client certificates), in emulated mode, with OAuth
/// enabled beside certificates, so the APS controller emulator can drive it as APSC would.
/// </summary>
public sealed class ApsGateway : LocalGatewayFactory
{
    public const string ConsumerKey = "aps-test-consumer";
    public const string ConsumerSecret = "aps-test-consumer-secret";

    private readonly Dictionary<string, string?> _settings;

    private ApsGateway(Dictionary<string, string?> settings, DirectoryInfo? data)
        : base("o365-aps-", data) => _settings = settings;

    /// <summary>The APS endpoint, https://127.0.0.1:port/aps/.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public MicrosoftEmulator Microsoft => Services.GetRequiredService<MicrosoftEmulator>();

    /// <summary>Every line the gateway logged, with its scope.</summary>
    public ScopeRecordingLoggerProvider Logs { get; } = new();

    public static ApsGateway Start(params (string Key, string? Value)[] settings) => Start(null, settings);

    /// <summary>A gateway over <paramref name="data"/>, which outlives it, so another can start over the same data.</summary>
    public static ApsGateway Start(DirectoryInfo? data, params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Aps:OAuth:Enabled"] = "true",
            ["Aps:OAuth:ConsumerKey"] = ConsumerKey,
            ["Microsoft:AllowCustomEndpoints"] = "true",
            ["Aps:Certificate:ControllerIssuers:0"] = ApsControllerEmulator.ControllerAuthority.ExportCertificatePem(),
            ["Aps:InstallsPerMinute"] = "1000",
        };
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                all.Remove(key);
            }
            else
            {
                all[key] = value;
            }
        }

        var gateway = new ApsGateway(all, data);
        gateway.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps()));
        gateway.StartServer();
        gateway.Endpoint = new Uri(gateway.ListeningAddress(), "/aps/");
        gateway.Services.GetRequiredService<ISecretStore>().SetAsync("aps-oauth-consumer-secret", ConsumerSecret).GetAwaiter().GetResult();
        return gateway;
    }

    /// <summary>
    /// A client that is not a controller: no client certificate, the gateway's self-signed certificate accepted, no
    /// redirects followed (a browser's part in the consent flow is played step by step).
    /// </summary>
    public HttpClient AnonymousClient()
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null;
        return new HttpClient(handler) { BaseAddress = Endpoint };
    }

    /// <summary>A controller emulator for a new instance, polling 100 times faster than APSC.</summary>
    public ApsControllerEmulator Controller(ApsAuthentication authentication = ApsAuthentication.Certificate) => new(new ApsControllerOptions
    {
        Endpoint = Endpoint,
        Authentication = authentication,
        ConsumerKey = ConsumerKey,
        ConsumerSecret = ConsumerSecret,
        RetryTimeScale = 0.01,
    });

    /// <summary>Global settings that talk to the Microsoft emulator with its own app registration.</summary>
    public JsonObject Settings(string cspModel = "direct") => Microsoft.InstanceSettings(cspModel, "US", "CA");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new GatewayLimits { JsonBodyBytes = 16 * 1024 });
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        });
    }
}
