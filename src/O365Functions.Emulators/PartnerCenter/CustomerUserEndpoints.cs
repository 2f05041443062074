using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using O365Functions.Emulators.Graph;
using static O365Functions.Emulators.PartnerCenter.PartnerCenterEndpoints;

namespace O365Functions.Emulators.PartnerCenter;

/// <summary>
/// Partner Center's customer-user, license-update and subscribed-SKU calls. They act on the same directory Graph
/// serves, as they do at Microsoft: a user made here is a Graph user, and licenses count against the same seats.
/// Out of seats answers 400 with code 60012.
/// </summary>
internal static class CustomerUserEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, PartnerCenterState state, GraphState graph)
    {
        routes.MapPost("/v1/customers/{customerId}/users", async (string customerId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            var upn = Text(body, "userPrincipalName");
            if (upn is null || Text(body, "displayName") is null)
            {
                return Error(400, 800002, "userPrincipalName and displayName are required.");
            }

            lock (graph.Gate)
            {
                var users = graph.UsersOf(customerId);
                if (users.Values.Any(u => u.UserPrincipalName.Equals(upn, StringComparison.OrdinalIgnoreCase)))
                {
                    return Error(409, 60010, $"A user named '{upn}' already exists.");
                }

                var user = new EmulatedUser { Id = Guid.NewGuid().ToString(), UserPrincipalName = upn, DisplayName = Text(body, "displayName"), UsageLocation = Text(body, "usageLocation") };
                users[user.Id] = user;
                return Json(UserJson(user), 201);
            }
        });

        routes.MapGet("/v1/customers/{customerId}/users/{userId}", (string customerId, string userId) =>
        {
            lock (graph.Gate)
            {
                return graph.UsersOf(customerId).TryGetValue(userId, out var user) ? Json(UserJson(user)) : Error(404, 60002, $"User '{userId}' was not found.");
            }
        });

        routes.MapDelete("/v1/customers/{customerId}/users/{userId}", (string customerId, string userId) =>
        {
            lock (graph.Gate)
            {
                return graph.UsersOf(customerId).Remove(userId) ? Results.NoContent() : Error(404, 60002, $"User '{userId}' was not found.");
            }
        });

        routes.MapPost("/v1/customers/{customerId}/users/{userId}/licenseupdates", async (string customerId, string userId, HttpRequest request) =>
        {
            var body = await ReadAsync(request) ?? new JsonObject();
            lock (graph.Gate)
            {
                if (!graph.UsersOf(customerId).TryGetValue(userId, out var user))
                {
                    return Error(404, 60002, $"User '{userId}' was not found.");
                }

                var toAssign = (body["licensesToAssign"] as JsonArray ?? []).Select(l => Guid.Parse(Text(l, "skuId") ?? Guid.Empty.ToString())).ToList();
                var toRemove = (body["licensesToRemove"] as JsonArray ?? []).Select(l => Guid.Parse(l!.GetValue<string>()));
                if (graph.TryChangeLicenses(state, customerId, user, toAssign, toRemove) is { } full)
                {
                    return Error(400, 60012, $"No licenses are left for SKU {full}.");
                }

                body["licenseWarnings"] = new JsonArray();
                body["attributes"] = new JsonObject { ["objectType"] = "LicenseUpdate" };
                return Json(body, 201);
            }
        });

        routes.MapGet("/v1/customers/{customerId}/subscribedskus", (string customerId) =>
        {
            lock (graph.Gate)
            {
                var suspended = graph.SuspendedSeatsOf(state, customerId);
                var items = graph.SeatsOf(state, customerId).Select(pair => (JsonNode)new JsonObject
                {
                    ["availableUnits"] = pair.Value.Enabled - pair.Value.Consumed,
                    ["activeUnits"] = pair.Value.Enabled,
                    ["consumedUnits"] = pair.Value.Consumed,
                    ["suspendedUnits"] = suspended.GetValueOrDefault(pair.Key),
                    ["warningUnits"] = 0,
                    ["totalUnits"] = pair.Value.Enabled + suspended.GetValueOrDefault(pair.Key),
                    ["productSku"] = new JsonObject { ["id"] = pair.Key.ToString(), ["name"] = pair.Value.PartNumber, ["skuPartNumber"] = pair.Value.PartNumber },
                    ["attributes"] = new JsonObject { ["objectType"] = "SubscribedSku" },
                }).ToList();
                return Json(Collection(items, items.Count, null));
            }
        });
    }

    private static JsonObject UserJson(EmulatedUser user) => new()
    {
        ["id"] = user.Id,
        ["userPrincipalName"] = user.UserPrincipalName,
        ["displayName"] = user.DisplayName,
        ["usageLocation"] = user.UsageLocation,
        ["state"] = "active",
        ["attributes"] = new JsonObject { ["objectType"] = "CustomerUser" },
    };
}
