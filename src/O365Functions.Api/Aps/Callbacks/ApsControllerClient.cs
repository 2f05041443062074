using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps.Authentication;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Callbacks;

/// <summary>
/// <see cref="IApsController"/> over HTTPS to <c>{APS-Controller-URI}aps/2/resources/{id}</c>. In certificate mode
/// each instance presents its own certificate (<c>aps.x509.self</c>), so one client per instance is kept; in OAuth
/// mode every call is signed with the gateway's consumer key. The controller's server certificate must be trusted by
/// the machine, unless the controller is on loopback (development) or <see cref="ApsOptions.AcceptAnyControllerCertificate"/>
/// is set for a controller with a private CA.
/// </summary>
public sealed class ApsControllerClient(GatewayRecords records, ISecretStore secrets, IOptions<ApsOptions> options, TimeProvider time) : IApsController, IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<JsonObject?> GetResourceAsync(string instanceId, string resourceId, ApsCallContext? context = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, instanceId, resourceId, null, context, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "GET", resourceId).ConfigureAwait(false);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject;
    }

    /// <inheritdoc />
    public async Task UpdateResourceAsync(string instanceId, string resourceId, JsonObject properties, ApsCallContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        using var response = await SendAsync(HttpMethod.Put, instanceId, resourceId, properties, context, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "PUT", resourceId).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string instanceId, string resourceId, JsonObject? body, ApsCallContext? context, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var instance = (await store.GetAsync<ApplicationInstanceRecord>(RecordKey.Instance(instanceId), cancellationToken).ConfigureAwait(false))?.Record
            ?? throw new ApsControllerException($"Application instance {instanceId} is not installed, so its controller cannot be called.");
        if (instance.ControllerUri is null || !Uri.TryCreate(instance.ControllerUri, UriKind.Absolute, out var controller))
        {
            throw new ApsControllerException($"Application instance {instanceId} has no controller URI: the controller sent no APS-Controller-URI at install or configure.");
        }

        var url = new Uri(controller, $"aps/2/resources/{Uri.EscapeDataString(resourceId)}");
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (context?.TransactionId is { } transaction)
        {
            request.Headers.Add(ApsHeaders.TransactionId, transaction);
        }

        if (context?.ImpersonatedResourceId is { } impersonated)
        {
            request.Headers.Add(ApsHeaders.ResourceId, impersonated);
        }

        HttpClient client;
        if (instance.Authentication == ApsAuthenticationModes.OAuth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", await OAuthHeaderAsync(method, url, cancellationToken).ConfigureAwait(false));
            client = _clients.GetOrAdd($"oauth|{controller.GetLeftPart(UriPartial.Authority)}", _ => new HttpClient(Handler(null, controller)));
        }
        else
        {
            var self = await secrets.GetAsync(InstanceSecretNames.SelfCertificate(instanceId), cancellationToken).ConfigureAwait(false)
                ?? throw new ApsControllerException($"Application instance {instanceId} has no certificate of its own stored; reinstall it.");
            // One client per instance and controller: the certificate is the instance's, the trust decision the controller's.
            client = _clients.GetOrAdd($"{instanceId}|{controller.GetLeftPart(UriPartial.Authority)}", _ => new HttpClient(Handler(self, controller)));
        }

        try
        {
            return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException or (TaskCanceledException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true }))
        {
            throw new ApsControllerException($"The APS controller at {controller.Host} could not be reached for {method} of resource {resourceId}.", null, exception);
        }
    }

    private SocketsHttpHandler Handler(SecretValue? selfPem, Uri controller)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        if (selfPem is not null)
        {
            using var pem = X509Certificate2.CreateFromPem(selfPem.Reveal(), selfPem.Reveal());

            // Re-imported so the key is usable for TLS client authentication on every platform.
            var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        var acceptAny = options.Value.AcceptAnyControllerCertificate || controller.IsLoopback;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None || (acceptAny && certificate is not null);
        return handler;
    }

    private async Task<string> OAuthHeaderAsync(HttpMethod method, Uri url, CancellationToken cancellationToken)
    {
        var settings = options.Value.OAuth;
        var secret = await secrets.GetAsync(settings.ConsumerSecretName, cancellationToken).ConfigureAwait(false)
            ?? throw new ApsControllerException($"The OAuth consumer secret '{settings.ConsumerSecretName}' is not in the secret store.");
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = settings.ConsumerKey ?? throw new ApsControllerException("Aps:OAuth:ConsumerKey is not set."),
            ["oauth_nonce"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["oauth_version"] = "1.0",
        };
        parameters["oauth_signature"] = OAuthSignature.Compute(method.Method, url, parameters, secret.Reveal());
        return string.Join(", ", parameters.Select(p => $"{OAuthSignature.Encode(p.Key)}=\"{OAuthSignature.Encode(p.Value)}\""));
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string method, string resourceId)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var message = (JsonNode.Parse(text.Length > 0 && text.TrimStart().StartsWith('{') ? text : "{}") as JsonObject)?["message"]?.ToString();
            throw new ApsControllerException(
                $"The APS controller answered {(int)response.StatusCode} to {method} of resource {resourceId}{(message is null ? "." : $": {message}")}",
                (int)response.StatusCode);
        }
    }
}
