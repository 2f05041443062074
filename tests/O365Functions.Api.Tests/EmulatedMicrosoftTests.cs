using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Emulators;
using O365Functions.PartnerCenter;
using O365Functions.PartnerCenter.Graph;

namespace O365Functions.Api.Tests;

public sealed class EmulatedMicrosoftTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task The_local_gateway_talks_to_its_emulator_by_default()
    {
        using var client = factory.CreateClient();
        var partnerCenter = factory.Services.GetRequiredService<PartnerCenterClient>();
        var graph = factory.Services.GetRequiredService<GraphClient>();
        var emulator = factory.Services.GetRequiredService<MicrosoftEmulator>();

        var events = await partnerCenter.ListWebhookEventsAsync();
        var skus = await graph.ListSubscribedSkusAsync("44444444-4444-4444-4444-444444444444");

        Assert.Contains("subscription-updated", events);
        Assert.Empty(skus);
        Assert.Equal("127.0.0.1", emulator.BaseUri.Host);
        Assert.True(emulator.Snapshot().RefreshTokensIssued >= 2);
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
