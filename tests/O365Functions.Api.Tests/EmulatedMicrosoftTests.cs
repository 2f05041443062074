using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Emulators;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.Api.Tests;

public sealed class EmulatedMicrosoftTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public void The_local_gateway_points_instances_without_endpoints_of_their_own_at_its_emulator()
    {
        using var client = factory.CreateClient();
        var emulator = factory.Services.GetRequiredService<MicrosoftEmulator>();
        var defaults = factory.Services.GetRequiredService<DefaultMicrosoftEndpoints>().Get();
        var origin = emulator.BaseUri.GetLeftPart(UriPartial.Authority);

        Assert.Equal("127.0.0.1", emulator.BaseUri.Host);
        Assert.Equal((origin, origin), (defaults.PartnerCenter, defaults.Login));
        Assert.StartsWith(origin, defaults.Graph, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_webhook_endpoint_accepts_its_emulators_callbacks_and_rejects_tampered_ones()
    {
        using var client = factory.CreateClient();
        var emulator = factory.Services.GetRequiredService<MicrosoftEmulator>();
        var callback = emulator.CreateSignedCallback("test-created");

        var genuine = await PostAsync(client, callback.Body, callback.Headers);
        var tamperedBody = callback.Body.ToArray();
        tamperedBody[^3] ^= 1;
        var tampered = await PostAsync(client, tamperedBody, callback.Headers);

        Assert.Equal(HttpStatusCode.Accepted, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal("InvalidSignature", (await tampered.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["error"].ToString());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/partner-center") { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }
}
