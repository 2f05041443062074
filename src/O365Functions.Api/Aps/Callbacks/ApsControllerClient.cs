using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps.Authentication;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Callbacks;

/// <summary>
/// <see cref="IApsController"/> over HTTPS to the <c>APS-Controller-URI</c> recorded with the instance, and only
/// there. In certificate mode each instance presents its own certificate (<c>aps.x509.self</c>), so one client per
/// instance is kept; in OAuth mode every call is signed with the gateway's consumer key. Every call is bounded in time
/// and size and follows no redirect; reads are tried again while the controller is unreachable or busy, writes never
/// (their outcome would be unknown). The controller's server certificate must be trusted by the machine or pinned in
/// <see cref="ApsControllerCallOptions.PinnedCertificates"/>; on loopback (development) any is accepted.
/// </summary>
public sealed partial class ApsControllerClient(
    GatewayRecords records, ISecretStore secrets, IOptions<ApsOptions> options, TimeProvider time, ILogger<ApsControllerClient> logger) : IApsController, IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<JsonNode?> SendAsync(string instanceId, ApsControllerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value.Controller;
        var attempts = request.Method == HttpMethod.Get ? Math.Max(1, settings.ReadAttempts) : 1;
        var delay = settings.FirstReadRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await SendOnceAsync(instanceId, request, cancellationToken).ConfigureAwait(false);
                if (attempt < attempts && (int)response.StatusCode is >= 500 or 408 or 429)
                {
                    LogReadRetried(request.Method.Method, request.Path, (int)response.StatusCode, attempt);
                }
                else
                {
                    return await AnswerAsync(response, request, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ApsControllerException unreachable) when (unreachable.Status is null && attempt < attempts && !cancellationToken.IsCancellationRequested)
            {
                LogReadRetried(request.Method.Method, request.Path, 0, attempt);
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private async Task<JsonNode?> AnswerAsync(HttpResponseMessage response, ApsControllerRequest request, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotFound && request.Method == HttpMethod.Get)
        {
            return null;
        }

        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException tooLarge)
        {
            throw new ApsControllerException(
                $"The APS controller's answer to {request.Method} {request.Path} was larger than {options.Value.Controller.MaxResponseBytes} bytes or was cut off.", (int)response.StatusCode, tooLarge);
        }

        if (!response.IsSuccessStatusCode)
        {
            var message = Parse(text) is JsonObject error && error["message"] is JsonValue value && value.TryGetValue<string>(out var said) ? said : null;
            throw new ApsControllerException(
                $"The APS controller answered {(int)response.StatusCode} to {request.Method} {request.Path}{(message is null ? "." : $": {message}")}",
                (int)response.StatusCode);
        }

        return text.Length == 0 ? null : Parse(text)
            ?? throw new ApsControllerException($"The APS controller's answer to {request.Method} {request.Path} is not JSON.", (int)response.StatusCode);
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(string instanceId, ApsControllerRequest call, CancellationToken cancellationToken)
    {
        var (method, body, context) = (call.Method, call.Body, call.Context);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var instance = (await store.GetAsync<ApplicationInstanceRecord>(RecordKey.Instance(instanceId), cancellationToken).ConfigureAwait(false))?.Record
            ?? throw new ApsControllerException($"Application instance {instanceId} is not installed, so its controller cannot be called.");
        if (instance.ControllerUri is null || !Uri.TryCreate(instance.ControllerUri, UriKind.Absolute, out var controller))
        {
            throw new ApsControllerException($"Application instance {instanceId} has no controller URI: the controller sent no APS-Controller-URI at install or configure.");
        }

        var url = new Uri(controller, call.Path);
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
            client = _clients.GetOrAdd($"oauth|{controller.GetLeftPart(UriPartial.Authority)}", _ => Client(null, controller));
        }
        else
        {
            var self = await secrets.GetAsync(InstanceSecretNames.SelfCertificate(instanceId), cancellationToken).ConfigureAwait(false)
                ?? throw new ApsControllerException($"Application instance {instanceId} has no certificate of its own stored; reinstall it.");
            // One client per instance and controller: the certificate is the instance's, the trust decision the controller's.
            client = _clients.GetOrAdd($"{instanceId}|{controller.GetLeftPart(UriPartial.Authority)}", _ => Client(self, controller));
        }

        try
        {
            return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException or (TaskCanceledException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true }))
        {
            throw new ApsControllerException($"The APS controller at {controller.Host} could not be reached for {method} {call.Path}.", null, exception);
        }
    }

    private HttpClient Client(SecretValue? selfPem, Uri controller)
    {
        var settings = options.Value.Controller;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        if (selfPem is not null)
        {
            using var pem = X509Certificate2.CreateFromPem(selfPem.Reveal(), selfPem.Reveal());

            // Re-imported so the key is usable for TLS client authentication on every platform.
            var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        var pinned = settings.PinnedCertificates.Select(p => p.Replace(":", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (certificate is not null && (controller.IsLoopback || pinned.Contains(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())))));
        return new HttpClient(handler) { Timeout = settings.Timeout, MaxResponseContentBufferSize = settings.MaxResponseBytes };
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The APS controller answered {Status} (0: unreachable) to {Method} {Path} on try {Attempt}; reading again.")]
    private partial void LogReadRetried(string method, string path, int status, int attempt);
}
