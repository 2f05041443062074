using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static O365Functions.Emulators.PartnerCenter.PartnerCenterEndpoints;

namespace O365Functions.Emulators.PartnerCenter;

/// <summary>Carts: create, replace, check out into one order (400/800065 when already ordered, 404/800008 when unknown).</summary>
internal static class CartEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, PartnerCenterState state, EmulatorClock clock)
    {
        routes.MapPost("/v1/customers/{customerId}/carts", async (string customerId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            lock (state.Gate)
            {
                if (!state.Customers.ContainsKey(customerId))
                {
                    return TenantNotFound(customerId);
                }

                var cart = new EmulatedCart(NewId(), customerId, clock.GetUtcNow()) { LineItems = body?["lineItems"]?.DeepClone() as JsonArray ?? [] };
                state.Carts[cart.Id] = cart;
                return Json(CartJson(cart), 201);
            }
        });

        routes.MapPut("/v1/customers/{customerId}/carts/{cartId}", async (string customerId, string cartId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            lock (state.Gate)
            {
                if (!state.Carts.TryGetValue(cartId, out var cart) || cart.CustomerId != customerId)
                {
                    return Error(404, 800008, $"Cart '{cartId}' was not found.");
                }

                if (cart.Ordered)
                {
                    return Error(400, 800065, "The cart has already been submitted.");
                }

                cart.LineItems = body?["lineItems"]?.DeepClone() as JsonArray ?? [];
                return Json(CartJson(cart));
            }
        });

        routes.MapPost("/v1/customers/{customerId}/carts/{cartId}/checkout", (string customerId, string cartId) =>
        {
            lock (state.Gate)
            {
                if (!state.Carts.TryGetValue(cartId, out var cart) || cart.CustomerId != customerId)
                {
                    return Error(404, 800008, $"Cart '{cartId}' was not found.");
                }

                if (cart.Ordered)
                {
                    return Error(400, 800065, "The cart has already been submitted.");
                }

                var order = new EmulatedOrder(NewId(), customerId, "monthly", clock.GetUtcNow());
                var lines = new JsonArray([.. cart.LineItems.Select((item, index) => (JsonNode)new JsonObject
                {
                    ["lineItemNumber"] = index,
                    ["offerId"] = Text(item, "catalogItemId"),
                    ["quantity"] = item?["quantity"]?.DeepClone(),
                    ["friendlyName"] = Text(item, "friendlyName"),
                })]);
                if (AddLines(state, state.Customers[customerId], order, lines, 0) is { } refusal)
                {
                    return refusal;
                }

                state.Orders[order.Id] = order;
                cart.Ordered = true;
                return Json(new JsonObject { ["orders"] = new JsonArray(OrderJson(state, order)), ["orderErrors"] = new JsonArray() }, 201);
            }
        });
    }

    private static JsonObject CartJson(EmulatedCart cart) => new()
    {
        ["id"] = cart.Id,
        ["creationTimestamp"] = cart.CreatedAt,
        ["expirationTimestamp"] = cart.CreatedAt.AddDays(7),
        ["lineItems"] = cart.LineItems.DeepClone(),
        ["status"] = cart.Ordered ? "Ordered" : "Active",
        ["attributes"] = new JsonObject { ["objectType"] = "Cart" },
    };
}
