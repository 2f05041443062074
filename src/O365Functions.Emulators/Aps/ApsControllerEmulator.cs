using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace O365Functions.Emulators.Aps;

/// <summary>
/// An APS controller (APSC) on loopback, as far as an application endpoint sees one: it installs an instance with
/// certificates it generates itself (or in OAuth mode), sends every operation with the APS headers, starts each in the
/// <c>sync</c> phase and polls in the <c>async</c> phase for as long as the endpoint answers 202, waiting what
/// <c>APS-Retry-Timeout</c> says (scaled by <see cref="ApsControllerOptions.RetryTimeScale"/>), and sends the full
/// representation on configure. Its OAuth signing is its own, written from RFC 5849, so it checks the gateway's.
/// </summary>
public sealed partial class ApsControllerEmulator : IAsyncDisposable
{
    private readonly ApsControllerOptions _options;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, JsonObject> _resources = new(StringComparer.OrdinalIgnoreCase);
    private byte[]? _instanceCertificate;
    private WebApplication? _server;
    private Uri? _controllerUri;
    private bool _ownsCertificate = true;

    /// <summary>Creates a controller with a new controller certificate.</summary>
    public ApsControllerEmulator(ApsControllerOptions options)
        : this(options, Guid.NewGuid().ToString(), IssueControllerCertificate("CN=APS Controller Emulator"))
    {
    }

    private ApsControllerEmulator(ApsControllerOptions options, string instanceId, X509Certificate2 controllerCertificate)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        InstanceId = instanceId;
        ControllerCertificate = controllerCertificate;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false };

        // An application on loopback serves a self-signed certificate, as a developer's gateway does; elsewhere the
        // machine's trust decides.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None || (options.Endpoint.IsLoopback && certificate is not null);
        if (options.Authentication == ApsAuthentication.Certificate)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => ControllerCertificate;
        }

        _http = new HttpClient(handler) { BaseAddress = options.Endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The instance this controller installs and addresses (<c>APS-Instance-ID</c>).</summary>
    public string InstanceId { get; }

    /// <summary>The certificate the controller presents (its <c>aps.x509.controller</c>).</summary>
    public X509Certificate2 ControllerCertificate { get; }

    /// <summary>The resources the controller holds: those provisioned through it, as last configured, with application changes applied.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources => _resources;

    /// <summary>Every call the application made back to the controller, in order.</summary>
    public ConcurrentQueue<ApsControllerCall> Calls { get; } = new();

    /// <summary>
    /// The <c>APS-Controller-URI</c> requests announce instead of this controller's own address, as a controller that
    /// moved (or a request that lies about it) would send.
    /// </summary>
    public Uri? AnnouncedControllerUri { get; set; }

    /// <summary>The clock OAuth timestamps are read from; tests move it to send stale requests.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>
    /// A controller for the same instance that presents another certificate (or, in OAuth mode, signs with
    /// <paramref name="consumerSecret"/>): what an impostor would send.
    /// </summary>
    public ApsControllerEmulator Impostor(string? consumerSecret = null) => new(
        new ApsControllerOptions
        {
            Endpoint = _options.Endpoint,
            Authentication = _options.Authentication,
            ConsumerKey = _options.ConsumerKey,
            ConsumerSecret = consumerSecret ?? _options.ConsumerSecret,
            RetryTimeScale = _options.RetryTimeScale,
            MaxPolls = _options.MaxPolls,
            ControllerUri = _options.ControllerUri,
        },
        InstanceId,
        CreateCertificate("CN=Not The Controller"));

    /// <summary>
    /// The same controller (instance, certificate, resources) addressing the application at <paramref name="endpoint"/>:
    /// the application restarted elsewhere. The certificate stays this controller's; dispose this one last.
    /// </summary>
    public ApsControllerEmulator MovedTo(Uri endpoint)
    {
        var moved = new ApsControllerEmulator(
            new ApsControllerOptions
            {
                Endpoint = endpoint,
                Authentication = _options.Authentication,
                ConsumerKey = _options.ConsumerKey,
                ConsumerSecret = _options.ConsumerSecret,
                RetryTimeScale = _options.RetryTimeScale,
                MaxPolls = _options.MaxPolls,
                ControllerUri = _options.ControllerUri,
                OnAccepted = _options.OnAccepted,
            },
            InstanceId,
            ControllerCertificate)
        { _instanceCertificate = _instanceCertificate, _ownsCertificate = false };
        foreach (var (id, resource) in _resources)
        {
            moved._resources[id] = (JsonObject)resource.DeepClone();
        }

        foreach (var (id, limits) in _limits)
        {
            moved._limits[id] = limits;
        }

        foreach (var (id, subscription) in _eventSubscriptions)
        {
            moved._eventSubscriptions[id] = subscription;
        }

        return moved;
    }

    /// <summary>Installs the instance: <c>POST /app</c> with the global settings and, in certificate mode, <c>aps.x509</c>.</summary>
    public Task<ApsOutcome> InstallAsync(JsonObject settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var body = (JsonObject)settings.DeepClone();
        var aps = new JsonObject { ["id"] = InstanceId, ["type"] = "http://o365functions.local/aps/app/1.0", ["status"] = "aps:provisioning" };
        if (_options.Authentication == ApsAuthentication.Certificate)
        {
            using var instanceKey = RSA.Create(2048);
            using var instanceCertificate = CreateCertificate("CN=APS Instance " + InstanceId, instanceKey);
            _instanceCertificate = instanceCertificate.RawData;
            aps["x509"] = new JsonObject
            {
                ["self"] = instanceCertificate.ExportCertificatePem() + "\n" + instanceKey.ExportRSAPrivateKeyPem(),
                ["controller"] = ControllerCertificate.ExportCertificatePem(),
            };
        }

        body["aps"] = aps;
        return RunAsync(HttpMethod.Post, "app", body, cancellationToken);
    }

    /// <summary>Provisions a resource: <c>POST /{service}</c>; the body gets a new <c>aps.id</c> unless it has one. Returns the id with the outcome.</summary>
    public async Task<(string Id, ApsOutcome Outcome)> ProvisionAsync(string service, JsonObject resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var body = (JsonObject)resource.DeepClone();
        var aps = body["aps"] as JsonObject ?? [];
        var id = aps["id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
        aps["id"] = id;
        aps["type"] ??= $"http://o365functions.local/aps/{service}/1.0";
        aps["status"] = "aps:provisioning";
        body["aps"] = aps;
        var outcome = await RunAsync(HttpMethod.Post, service, body, cancellationToken);
        if (outcome.Succeeded)
        {
            var held = (JsonObject)body.DeepClone();
            held["aps"]!["status"] = "aps:ready";
            _resources[id] = held;
        }

        return (id, outcome);
    }

    /// <summary>Retrieves a resource: <c>GET /{service}/{id}</c>.</summary>
    public Task<ApsOutcome> RetrieveAsync(string service, string id, CancellationToken cancellationToken = default) =>
        RunAsync(HttpMethod.Get, $"{service}/{id}", null, cancellationToken);

    /// <summary>Configures a resource with its full representation: <c>PUT /{service}/{id}</c>.</summary>
    public async Task<ApsOutcome> ConfigureAsync(string service, string id, JsonObject representation, CancellationToken cancellationToken = default)
    {
        var outcome = await RunAsync(HttpMethod.Put, $"{service}/{id}", representation, cancellationToken).ConfigureAwait(false);
        if (outcome.Succeeded && _resources.ContainsKey(id))
        {
            _resources[id] = (JsonObject)representation.DeepClone();
        }

        return outcome;
    }

    /// <summary>Unprovisions a resource: <c>DELETE /{service}/{id}</c>, polling while the application answers 202.</summary>
    public async Task<ApsOutcome> UnprovisionAsync(string service, string id, CancellationToken cancellationToken = default)
    {
        var outcome = await RunAsync(HttpMethod.Delete, $"{service}/{id}", null, cancellationToken).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            _resources.TryRemove(id, out _);
        }

        return outcome;
    }

    /// <summary>A custom operation: <c>{verb} /{service}/{id}/{path}</c>.</summary>
    public Task<ApsOutcome> OperationAsync(HttpMethod verb, string service, string id, string path, JsonObject? body = null, CancellationToken cancellationToken = default) =>
        RunAsync(verb, $"{service}/{id}/{path}", body, cancellationToken);

    /// <summary>A link notification: <c>POST /{service}/{id}/{relation}</c> with the linked resource.</summary>
    public Task<ApsOutcome> LinkAsync(string service, string id, string relation, string linkedId, CancellationToken cancellationToken = default) =>
        RunAsync(HttpMethod.Post, $"{service}/{id}/{relation}", new JsonObject { ["aps"] = new JsonObject { ["id"] = linkedId } }, cancellationToken);

    /// <summary>An unlink notification: <c>DELETE /{service}/{id}/{relation}/{linkedId}</c>.</summary>
    public Task<ApsOutcome> UnlinkAsync(string service, string id, string relation, string linkedId, CancellationToken cancellationToken = default) =>
        RunAsync(HttpMethod.Delete, $"{service}/{id}/{relation}/{linkedId}", null, cancellationToken);

    /// <summary>
    /// Sends one request as the controller would, without polling: the APS headers, authentication, and a body.
    /// <paramref name="nonce"/> and <paramref name="timestamp"/> override the OAuth values (to replay or go stale).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        JsonObject? body,
        string phase = "sync",
        string? nonce = null,
        DateTimeOffset? timestamp = null,
        string? transactionId = null,
        CancellationToken cancellationToken = default) =>
        await SendContentAsync(
            method, path, body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), phase, nonce, timestamp, transactionId, cancellationToken).ConfigureAwait(false);

    /// <summary>Sends <paramref name="content"/> as it is (malformed, of another type, oversized) with the APS headers and authentication.</summary>
    public async Task<HttpResponseMessage> SendContentAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        string phase = "sync",
        string? nonce = null,
        DateTimeOffset? timestamp = null,
        string? transactionId = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("APS-Instance-ID", InstanceId);
        request.Headers.Add("APS-Request-Phase", phase);
        request.Headers.Add("APS-Controller-URI", (AnnouncedControllerUri ?? _controllerUri ?? _options.ControllerUri).AbsoluteUri);
        request.Headers.Add("APS-Transaction-ID", transactionId ?? Guid.NewGuid().ToString());
        if (_options.Authentication == ApsAuthentication.OAuth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", OAuthHeader(
                method, new Uri(_http.BaseAddress!, path), nonce ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), timestamp ?? Clock()));
        }

        return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the controller's own API on an HTTPS loopback port (<c>GET</c> and <c>PUT /aps/2/resources/{id}</c>),
    /// so the application can call back; from then on requests name it in <c>APS-Controller-URI</c>. Calls must come
    /// with the instance's certificate, or OAuth-signed in OAuth mode.
    /// </summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var serverCertificate = CreateCertificate("CN=localhost");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = serverCertificate;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        })));
        _server = builder.Build();
        _server.MapGet("/aps/2/resources/{id}", (HttpContext context, string id) =>
            Authorized(context) ? _resources.TryGetValue(id, out var resource) ? Results.Json(resource) : Results.NotFound() : Results.StatusCode(401));
        _server.MapPut("/aps/2/resources/{id}", async (HttpContext context, string id) =>
        {
            if (!Authorized(context))
            {
                return Results.StatusCode(401);
            }

            if (!_resources.TryGetValue(id, out var resource))
            {
                return Results.NotFound();
            }

            var changes = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
            foreach (var (name, value) in changes)
            {
                resource[name] = value?.DeepClone();
            }

            return Results.Json(resource);
        });
        MapCommerce(_server);
        await _server.StartAsync().ConfigureAwait(false);
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _controllerUri = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
        if (_ownsCertificate)
        {
            ControllerCertificate.Dispose();
        }
    }

    private bool Authorized(HttpContext context)
    {
        var request = context.Request;
        bool authenticated;
        if (_options.Authentication == ApsAuthentication.Certificate)
        {
            var presented = context.Connection.ClientCertificate?.RawData;
            authenticated = presented is not null && _instanceCertificate is not null && presented.AsSpan().SequenceEqual(_instanceCertificate);
        }
        else
        {
            authenticated = VerifyOAuth(request);
        }

        Calls.Enqueue(new ApsControllerCall(
            request.Method,
            request.Path.Value ?? string.Empty,
            request.Headers["APS-Transaction-ID"].FirstOrDefault(),
            request.Headers["APS-Resource-ID"].FirstOrDefault(),
            authenticated));
        return authenticated;
    }

    private bool VerifyOAuth(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("OAuth ", StringComparison.Ordinal))
        {
            return false;
        }

        var values = header[6..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(part => part.Length == 2)
            .ToDictionary(part => Uri.UnescapeDataString(part[0]), part => Uri.UnescapeDataString(part[1].Trim('"')), StringComparer.Ordinal);
        if (!values.TryGetValue("oauth_signature", out var signature) || values.GetValueOrDefault("oauth_consumer_key") != _options.ConsumerKey)
        {
            return false;
        }

        var url = new Uri($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}");
        return Signature(new HttpMethod(request.Method), url, values.Where(v => v.Key != "oauth_signature").ToDictionary()) == signature;
    }

    private async Task<ApsOutcome> RunAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        var transaction = Guid.NewGuid().ToString();
        var info = new List<string>();
        var timeouts = new List<int>();
        var phase = "sync";
        for (var polls = 0; ; polls++)
        {
            using var response = await SendAsync(method, path, body, phase, transactionId: transaction, cancellationToken: cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Accepted || polls >= _options.MaxPolls)
            {
                return new ApsOutcome(response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null, polls, info, timeouts);
            }

            var seconds = response.Headers.TryGetValues("APS-Retry-Timeout", out var retry)
                && int.TryParse(retry.First(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 30;
            timeouts.Add(seconds);
            info.Add(response.Headers.TryGetValues("APS-Info", out var values) ? values.First() : string.Empty);
            _options.OnAccepted?.Invoke(method.Method, path, info[^1]);
            phase = "async";
            await Task.Delay(TimeSpan.FromSeconds(seconds * _options.RetryTimeScale), cancellationToken).ConfigureAwait(false);
        }
    }

    private string OAuthHeader(HttpMethod method, Uri url, string nonce, DateTimeOffset timestamp)
    {
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = _options.ConsumerKey ?? throw new InvalidOperationException("OAuth mode needs ConsumerKey."),
            ["oauth_nonce"] = nonce,
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["oauth_version"] = "1.0",
        };
        oauth["oauth_signature"] = Signature(method, url, oauth);
        return string.Join(", ", oauth.Select(p => $"{Percent(p.Key)}=\"{Percent(p.Value)}\""));
    }

    private string Signature(HttpMethod method, Uri url, IReadOnlyDictionary<string, string> oauth)
    {
        var parameters = oauth.Select(p => (Name: Percent(p.Key), Value: Percent(p.Value))).ToList();
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            parameters.Add((Percent(Uri.UnescapeDataString(parts[0])), Percent(parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty)));
        }

        var normalized = string.Join("&", parameters.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value));
        var port = url.IsDefaultPort ? string.Empty : ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        var baseUri = $"{url.Scheme.ToLowerInvariant()}://{url.Host.ToLowerInvariant()}{port}{url.AbsolutePath}";
        var signatureBase = method.Method.ToUpperInvariant() + "&" + Percent(baseUri) + "&" + Percent(normalized);
#pragma warning disable CA5350 // OAuth 1.0a HMAC-SHA1, as the protocol fixes it.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.ASCII.GetBytes(Percent(_options.ConsumerSecret ?? string.Empty) + "&"), Encoding.ASCII.GetBytes(signatureBase)));
#pragma warning restore CA5350
    }

    /// <summary>RFC 3986 percent-encoding of UTF-8 bytes: unreserved characters stay, everything else becomes %XX.</summary>
    private static string Percent(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The authority that issues every emulated controller's certificate, as a provider's APS controllers' certificates
    /// come from one CA: a gateway that trusts it (<c>Aps:Certificate:ControllerIssuers</c>) installs any of them.
    /// </summary>
    public static X509Certificate2 ControllerAuthority => Authority.Value;

    private static readonly Lazy<X509Certificate2> Authority = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=APS Controller Emulator CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    });

    private static X509Certificate2 IssueControllerCertificate(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(ControllerAuthority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    private static X509Certificate2 CreateCertificate(string subject)
    {
        using var key = RSA.Create(2048);
        using var created = CreateCertificate(subject, key);

        // Exported and loaded again so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    private static X509Certificate2 CreateCertificate(string subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
    }
}
