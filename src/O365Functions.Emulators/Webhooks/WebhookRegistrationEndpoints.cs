using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using O365Functions.Emulators.PartnerCenter;

namespace O365Functions.Emulators.Webhooks;

/// <summary>Partner Center's webhook registration service (<c>/webhooks/v1/registration</c>) and the emulator's certificate download.</summary>
internal static class WebhookRegistrationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, WebhookDispatcher dispatcher, WebhookSigner signer)
    {
        routes.MapGet("/" + WebhookDispatcher.CertificatePath, () => Results.Bytes(signer.Leaf.RawData, "application/pkix-cert"));
        routes.MapGet("/" + WebhookDispatcher.EcdsaCertificatePath, () => Results.Bytes(signer.EcdsaLeaf.RawData, "application/pkix-cert"));

        routes.MapPost("/webhooks/v1/registration", async (HttpRequest request) =>
        {
            if (dispatcher.Current is not null)
            {
                return PartnerCenterEndpoints.Error(409, 409, "A registration exists; update it with PUT.");
            }

            return await RegisterAsync(request, dispatcher);
        });

        routes.MapPut("/webhooks/v1/registration", (HttpRequest request) => RegisterAsync(request, dispatcher));

        routes.MapGet("/webhooks/v1/registration", () =>
            dispatcher.Current is { } current ? PartnerCenterEndpoints.Json(Describe(current)) : PartnerCenterEndpoints.Error(404, 404, "No webhook is registered."));

        routes.MapPost("/webhooks/v1/registration/validationEvents", () =>
        {
            var correlationId = Guid.NewGuid().ToString();
            _ = dispatcher.NotifyAsync("test-created", $"https://api.partnercenter.microsoft.com/webhooks/v1/registration/validationEvents/{correlationId}", "test");
            return PartnerCenterEndpoints.Json(new JsonObject { ["correlationId"] = correlationId });
        });
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, WebhookDispatcher dispatcher)
    {
        var body = await PartnerCenterEndpoints.ReadAsync(request) as JsonObject;
        var url = body?["webhookUrl"]?.GetValue<string>();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var callback))
        {
            return PartnerCenterEndpoints.Error(400, 400, "WebhookUrl must be an absolute URL.");
        }

        var events = body?["webhookEvents"] is JsonArray list ? list.Select(e => e!.GetValue<string>()).ToList() : [];
        var inMsHeader = body?["signatureTokenToMsSignatureHeader"] is JsonValue flag && flag.TryGetValue<bool>(out var value) && value;
        dispatcher.Current = new WebhookDispatcher.Registration(Guid.NewGuid().ToString(), callback, events, inMsHeader);
        return PartnerCenterEndpoints.Json(Describe(dispatcher.Current));
    }

    private static JsonObject Describe(WebhookDispatcher.Registration registration) => new()
    {
        ["subscriberId"] = registration.SubscriberId,
        ["webhookUrl"] = registration.Url.AbsoluteUri,
        ["webhookEvents"] = new JsonArray([.. registration.Events.Select(e => (JsonNode)e)]),
        ["signatureTokenToMsSignatureHeader"] = registration.SignatureInMsHeader,
    };
}
