using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static O365Functions.Emulators.PartnerCenter.PartnerCenterEndpoints;

namespace O365Functions.Emulators.PartnerCenter;

/// <summary>
/// Carts: create, replace, check out into one order (400/800065 when already ordered, 404/800008 when unknown). Lines are
/// marked with Partner Center's cart errors (10010 billing cycle, 10001 catalog item, 10015 seats per subscription);
/// a checkout naming a reseller the partner does not have is 400/800015.
/// </summary>
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

                var cart = new EmulatedCart(NewId(), customerId, clock.GetUtcNow()) { LineItems = Checked(body?["lineItems"]) };
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

                cart.LineItems = Checked(body?["lineItems"]);
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

                // Items Partner Center marked with an error are not ordered; they come back as the order group's error.
                var orderErrors = new JsonArray([.. cart.LineItems.Where(item => item?["error"] is not null).Select(item => (JsonNode)new JsonObject
                {
                    ["orderGroupId"] = Text(item, "orderGroup"),
                    ["code"] = item!["error"]!["errorCode"]!.DeepClone(),
                    ["description"] = item["error"]!["errorDescription"]!.DeepClone(),
                })]);
                if (cart.LineItems.Select(TransactionReseller).FirstOrDefault(r => r is not null && !state.IsIndirectReseller(r)) is { } reseller)
                {
                    return Error(400, 800015, $"MPN ID {reseller} was not found among the partner's indirect resellers.");
                }

                var orderable = cart.LineItems.Where(item => item?["error"] is null).ToList();
                cart.Ordered = true;
                if (orderable.Count == 0)
                {
                    return Json(new JsonObject { ["orders"] = new JsonArray(), ["orderErrors"] = orderErrors }, 201);
                }

                var order = new EmulatedOrder(NewId(), customerId, "monthly", clock.GetUtcNow()) { Slow = state.NextOrderIsSlow() };
                var lines = new JsonArray([.. orderable.Select((item, index) => (JsonNode)new JsonObject
                {
                    ["lineItemNumber"] = index,
                    ["offerId"] = Text(item, "catalogItemId"),
                    ["quantity"] = item?["quantity"]?.DeepClone(),
                    ["friendlyName"] = Text(item, "friendlyName"),
                    ["partnerIdOnRecord"] = TransactionReseller(item),
                    ["termDuration"] = Text(item, "termDuration"),
                    ["billingCycle"] = Text(item, "billingCycle"),
                })]);
                if (AddLines(state, state.Customers[customerId], order, lines, 0) is { } refusal)
                {
                    cart.Ordered = false;
                    return refusal;
                }

                state.Keep(order);
                return Json(new JsonObject { ["orders"] = new JsonArray(OrderJson(state, order)), ["orderErrors"] = orderErrors }, 201);
            }
        });
    }

    /// <summary>The <c>transaction_reseller</c> participant, read with any casing of key, value and names.</summary>
    private static string? TransactionReseller(JsonNode? item) =>
        (item?["participants"] as JsonArray)?.OfType<JsonObject>()
            .Where(p => (Text(p, "key") ?? Text(p, "Key")) is { } key && key.Replace("_", string.Empty, StringComparison.Ordinal).Equals("TransactionReseller", StringComparison.OrdinalIgnoreCase))
            .Select(p => Text(p, "value") ?? Text(p, "Value"))
            .FirstOrDefault();

    private static readonly string[] BillingCycles = ["monthly", "annual", "triennial", "one_time", "none"];

    /// <summary>The line items as Partner Center keeps them: each in order group 0, and marked with an error when it cannot be ordered.</summary>
    private static JsonArray Checked(JsonNode? lineItems)
    {
        var items = lineItems?.DeepClone() as JsonArray ?? [];
        foreach (var item in items.OfType<JsonObject>())
        {
            item["orderGroup"] = "0";
            item.Remove("error");
            var cycle = Text(item, "billingCycle");
            if (cycle is null || !BillingCycles.Contains(cycle, StringComparer.OrdinalIgnoreCase))
            {
                item["error"] = new JsonObject { ["errorCode"] = 10010, ["errorDescription"] = $"InvalidInput: billingCycle '{cycle}' is not a billing cycle." };
            }
            else if (Text(item, "catalogItemId") is var id && (id is null || id.Split(':').Length != 3))
            {
                item["error"] = new JsonObject { ["errorCode"] = 10001, ["errorDescription"] = $"CatalogItemIdIsNotValid: '{id}' is not a product:sku:availability id." };
            }
            else if (!id.Equals(EmulatedCatalog.CatalogItemId, StringComparison.OrdinalIgnoreCase))
            {
                item["error"] = new JsonObject { ["errorCode"] = 10001, ["errorDescription"] = $"CatalogItemIdIsNotValid: '{id}' is not sold in the customer's market." };
            }
            else if (item["quantity"] is JsonValue quantity && quantity.TryGetValue<int>(out var seats) && seats > EmulatedCatalog.MaximumSeats)
            {
                item["error"] = new JsonObject { ["errorCode"] = 10015, ["errorDescription"] = $"MaxAllowedSeatsPerSubscriptionExceeded: at most {EmulatedCatalog.MaximumSeats} seats per subscription." };
            }
        }

        return items;
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
