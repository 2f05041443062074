using O365Functions.Emulators.Webhooks;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>Delivers a Partner Center callback to the gateway as Partner Center does: the body and its signature headers.</summary>
internal static class Callbacks
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, SignedCallback callback)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/partner-center") { Content = new ByteArrayContent(callback.Body) };
        foreach (var (name, value) in callback.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }
}
