using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Http;
using O365Functions.Emulators;
using O365Functions.Emulators.Webhooks;
using O365Functions.PartnerCenter.Webhooks;

namespace O365Functions.Api.Tests.Hostile;

/// <summary>
/// The local gateway on a real loopback port (Kestrel, not the in-memory test server), in emulated mode, with short
/// timeouts so that hostile clients can be tried in seconds.
/// </summary>
public sealed class HostileGateway() : LocalGatewayFactory("o365-hostile-")
{
    public static readonly TimeSpan BodyTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CertificateFetchTimeout = TimeSpan.FromSeconds(2);

    private readonly List<HostileCertificateServer> _certificateServers = [];

    /// <summary>The gateway's address, http://127.0.0.1:port/.</summary>
    public Uri Address { get; private set; } = null!;

    public MicrosoftEmulator Emulator => Services.GetRequiredService<MicrosoftEmulator>();

    public CertificateFetcher Certificates => Services.GetRequiredService<CertificateFetcher>();

    /// <summary>
    /// Certificate origins allowed besides the emulator's (the hostile certificate servers a test starts). Read when
    /// the webhook receiver is first used, so add to it before the first callback.
    /// </summary>
    public List<Uri> ExtraCertificateOrigins { get; } = [];

    /// <summary>Every line the gateway logged.</summary>
    public Aps.ScopeRecordingLoggerProvider Logs { get; } = new();

    /// <summary>The emulator's signing certificate, as a certificate host serves it.</summary>
    public byte[] SigningCertificate => Emulator.Signer.Leaf.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert);

    /// <summary>Starts a certificate server with the emulator's signing certificate and allows its origin; it stops with the gateway.</summary>
    public async Task<HostileCertificateServer> AllowCertificateServerAsync(Uri? redirectTo = null)
    {
        var server = await HostileCertificateServer.StartAsync(SigningCertificate, redirectTo);
        _certificateServers.Add(server);
        ExtraCertificateOrigins.Add(server.Origin);
        return server;
    }

    public static HostileGateway Start()
    {
        var gateway = new HostileGateway();
        gateway.UseKestrel(0);
        gateway.StartServer();
        gateway.Address = gateway.ListeningAddress();
        return gateway;
    }

    public HttpClient Client() => new() { BaseAddress = Address };

    /// <summary>A callback signed with the emulator's certificate, naming <paramref name="certificateUrl"/> (the emulator's by default).</summary>
    public SignedCallback Callback(string eventName = "test-created", Uri? certificateUrl = null, DateTimeOffset? changedAt = null, string? resourceUri = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["EventName"] = eventName,
            ["ResourceUri"] = resourceUri,
            ["ResourceName"] = "test",
            ["AuditUri"] = null,
            ["ResourceChangeUtcDate"] = changedAt ?? DateTimeOffset.UtcNow,
        });
        var emulated = Emulator.CreateSignedCallback(eventName);
        return new SignedCallback(body, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = "Signature " + Emulator.Signer.Sign(body),
            ["x-ms-certificate-url"] = certificateUrl?.AbsoluteUri ?? emulated.Headers["x-ms-certificate-url"],
            ["x-ms-signature-algorithm"] = "rsa-sha256",
        });
    }

    public async Task<(int Status, string Body)> PostCallbackAsync(HttpClient client, SignedCallback callback)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/partner-center") { Content = new ByteArrayContent(callback.Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in callback.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new GatewayLimits { BodyTimeout = BodyTimeout });
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            services.PostConfigure<WebhookSignatureOptions>(options =>
            {
                foreach (var origin in ExtraCertificateOrigins)
                {
                    options.Clouds.Values.First().CertificateOrigins.Add(origin);
                }

                options.CertificateFetchTimeout = CertificateFetchTimeout;
            });
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var server in _certificateServers)
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
