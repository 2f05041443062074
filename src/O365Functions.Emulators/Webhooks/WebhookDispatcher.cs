using System.Text;
using System.Text.Json;

namespace O365Functions.Emulators.Webhooks;

/// <summary>
/// The webhook registration and its deliveries: events are posted to the registered URL, signed as Partner Center
/// signs them (<c>Authorization: Signature …</c>, or <c>x-ms-signature</c> when the registration asks), with the
/// certificate URL pointing at the emulator.
/// </summary>
internal sealed class WebhookDispatcher(WebhookSigner signer, EmulatorClock clock, Func<Uri> baseUri) : IDisposable
{
    public const string CertificatePath = "emulator/certificates/notifications.cer";

    /// <summary>Where the EC-keyed certificate of <see cref="WebhookSigner.EcdsaLeaf"/> is served.</summary>
    public const string EcdsaCertificatePath = "emulator/certificates/notifications-ec.cer";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _delivered;
    private int _failed;

    public Registration? Current { get; set; }

    public int Delivered => _delivered;

    public int Failed => _failed;

    public SignedCallback Sign(string eventName, string? resourceUri, string resourceName, bool signatureInMsHeader = false, bool withEcdsaCertificate = false)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["EventName"] = eventName,
            ["ResourceUri"] = resourceUri,
            ["ResourceName"] = resourceName,
            ["AuditUri"] = null,
            ["ResourceChangeUtcDate"] = clock.GetUtcNow(),
        });
        var signature = "Signature " + (withEcdsaCertificate ? signer.SignWithEcdsa(body) : signer.Sign(body));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [signatureInMsHeader ? "x-ms-signature" : "Authorization"] = signature,
            ["x-ms-certificate-url"] = new Uri(baseUri(), withEcdsaCertificate ? EcdsaCertificatePath : CertificatePath).AbsoluteUri,
            ["x-ms-signature-algorithm"] = "rsa-sha256",
        };
        return new SignedCallback(body, headers);
    }

    /// <summary>Delivers an event to the registration, when there is one and it subscribed to the event.</summary>
    public async Task NotifyAsync(string eventName, string? resourceUri, string resourceName)
    {
        if (Current is not { } registration || !registration.Events.Contains(eventName, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var callback = Sign(eventName, resourceUri, resourceName, registration.SignatureInMsHeader);
        using var request = new HttpRequestMessage(HttpMethod.Post, registration.Url) { Content = new ByteArrayContent(callback.Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        foreach (var (name, value) in callback.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _delivered : ref _failed);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failed);
        }
        catch (TaskCanceledException)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A webhook registration.</summary>
    internal sealed record Registration(string SubscriberId, Uri Url, IReadOnlyList<string> Events, bool SignatureInMsHeader);
}
