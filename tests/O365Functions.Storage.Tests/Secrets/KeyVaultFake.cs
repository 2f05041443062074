using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using O365Functions.Testing;

namespace O365Functions.Storage.Tests.Secrets;

/// <summary>
/// A Key Vault on loopback that speaks the secrets REST protocol the SDK uses: the bearer challenge, PUT and GET of
/// versioned secrets, Key Vault's error body. HTTPS with a self-signed certificate made for the test run.
/// </summary>
public sealed class KeyVaultFake : IAsyncLifetime
{
    public const string Token = "fake-key-vault-token";
    private readonly ConcurrentDictionary<string, List<(string Version, string Value)>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private LoopbackWebServer? _web;

    public Uri VaultUri { get; private set; } = null!;

    public X509Certificate2 Certificate { get; private set; } = null!;

    /// <summary>When set, every secret request is answered with this status.</summary>
    public HttpStatusCode? FailWith { get; set; }

    private int _unauthorizedRequests;

    /// <summary>How many requests were answered with the bearer challenge.</summary>
    public int UnauthorizedRequests => Volatile.Read(ref _unauthorizedRequests);

    public async Task InitializeAsync()
    {
        Certificate = CreateCertificate();
        _web = await LoopbackWebServer.StartAsync(Map, https: Certificate);
        VaultUri = _web.Address;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {Token}")
            {
                Interlocked.Increment(ref _unauthorizedRequests);
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate =
                    "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001\", resource=\"https://vault.azure.net\"";
                return;
            }

            if (FailWith is { } status)
            {
                await Error(context, (int)status, "Throttled", "The fake vault was told to fail.");
                return;
            }

            await next();
        });
        app.MapPut("/secrets/{name}", async (string name, HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var value = body.RootElement.GetProperty("value").GetString()!;
            var version = Guid.NewGuid().ToString("N");
            var versions = _secrets.GetOrAdd(name, _ => []);
            lock (versions)
            {
                versions.Add((version, value));
            }

            await Bundle(context, name, version, value);
        });
        app.MapGet("/secrets/{name}/{version?}", async (string name, string? version, HttpContext context) =>
        {
            if (!_secrets.TryGetValue(name, out var versions) || versions.Count == 0)
            {
                await Error(context, 404, "SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault.");
                return;
            }

            (string Version, string Value) found;
            lock (versions)
            {
                found = string.IsNullOrEmpty(version) ? versions[^1] : versions.Single(v => v.Version == version);
            }

            await Bundle(context, name, found.Version, found.Value);
        });
    }

    public int VersionCount(string name) => _secrets.TryGetValue(name, out var versions) ? versions.Count : 0;

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        Certificate.Dispose();
    }

    private Task Bundle(HttpContext context, string name, string version, string value)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["value"] = value,
            ["id"] = $"{VaultUri.ToString().TrimEnd('/')}/secrets/{name}/{version}",
            ["attributes"] = new Dictionary<string, object> { ["enabled"] = true, ["created"] = now, ["updated"] = now, ["recoveryLevel"] = "Recoverable+Purgeable" },
        });
    }

    private static Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
