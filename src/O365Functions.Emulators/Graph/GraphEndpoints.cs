using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using O365Functions.Emulators.Entra;
using O365Functions.Emulators.PartnerCenter;
using static O365Functions.Emulators.PartnerCenter.PartnerCenterEndpoints;

namespace O365Functions.Emulators.Graph;

/// <summary>
/// Microsoft Graph v1.0 under <c>/graph/v1.0</c> for the calls the gateway makes in a customer tenant. The tenant is
/// the one the bearer token was issued for. Licenses come from the tenant's Partner Center subscriptions, so an
/// assignment fails when none are left, and a user without a usage location cannot be licensed, as in Graph.
/// </summary>
internal static class GraphEndpoints
{
    private const string Root = "/graph/v1.0";

    public static void Map(IEndpointRouteBuilder routes, GraphState graph, PartnerCenterState partnerCenter, TokenIssuer tokens)
    {
        routes.MapPost(Root + "/users", async (HttpRequest request) =>
        {
            if (Tenant(request, tokens) is not { } tenant)
            {
                return Unauthorized();
            }

            var body = await ReadAsync(request);
            var upn = Text(body, "userPrincipalName");
            if (upn is null || Text(body, "displayName") is null || Text(body, "mailNickname") is null || body?["passwordProfile"] is null)
            {
                return Error(400, "Request_BadRequest", "userPrincipalName, displayName, mailNickname and passwordProfile are required.");
            }

            lock (graph.Gate)
            {
                var users = graph.UsersOf(tenant);
                if (users.Values.Any(u => u.UserPrincipalName.Equals(upn, StringComparison.OrdinalIgnoreCase)))
                {
                    return Error(400, "Request_BadRequest", "Another object with the same value for property userPrincipalName already exists.");
                }

                var user = new EmulatedUser { Id = Guid.NewGuid().ToString(), UserPrincipalName = upn, DisplayName = Text(body, "displayName"), UsageLocation = Text(body, "usageLocation") };
                users[user.Id] = user;
                return Json(UserJson(user), 201);
            }
        });

        routes.MapGet(Root + "/users/{key}", (string key, HttpRequest request) =>
        {
            if (Tenant(request, tokens) is not { } tenant)
            {
                return Unauthorized();
            }

            lock (graph.Gate)
            {
                return Find(graph, tenant, key) is { } user ? Json(UserJson(user)) : NotFound(key);
            }
        });

        routes.MapDelete(Root + "/users/{key}", (string key, HttpRequest request) =>
        {
            if (Tenant(request, tokens) is not { } tenant)
            {
                return Unauthorized();
            }

            lock (graph.Gate)
            {
                return Find(graph, tenant, key) is { } user && graph.UsersOf(tenant).Remove(user.Id) ? Results.NoContent() : NotFound(key);
            }
        });

        routes.MapPost(Root + "/users/{key}/assignLicense", async (string key, HttpRequest request) =>
        {
            if (Tenant(request, tokens) is not { } tenant)
            {
                return Unauthorized();
            }

            var body = await ReadAsync(request);
            lock (graph.Gate)
            {
                if (Find(graph, tenant, key) is not { } user)
                {
                    return NotFound(key);
                }

                if (string.IsNullOrEmpty(user.UsageLocation))
                {
                    return Error(400, "Request_BadRequest", "License assignment cannot be done for user with invalid usage location.");
                }

                var add = (body?["addLicenses"] as JsonArray ?? []).Select(l => Guid.Parse(Text(l, "skuId") ?? Guid.Empty.ToString())).ToList();
                var remove = (body?["removeLicenses"] as JsonArray ?? []).Select(l => Guid.Parse(l!.GetValue<string>()));
                return graph.TryChangeLicenses(partnerCenter, tenant, user, add, remove) is { } full
                    ? Error(400, "Request_BadRequest", $"Subscription for SKU {full} has no licenses left or does not exist in this tenant.")
                    : Json(UserJson(user));
            }
        });

        routes.MapGet(Root + "/subscribedSkus", (HttpRequest request) =>
        {
            if (Tenant(request, tokens) is not { } tenant)
            {
                return Unauthorized();
            }

            lock (graph.Gate)
            {
                var subscriptions = GraphState.SubscriptionsOf(partnerCenter, tenant);
                var items = graph.SeatsOf(partnerCenter, tenant).Select(pair => (JsonNode)new JsonObject
                {
                    ["id"] = $"{tenant}_{pair.Key}",
                    ["skuId"] = pair.Key.ToString(),
                    ["subscriptionIds"] = new JsonArray([.. subscriptions.GetValueOrDefault(pair.Key, []).Select(id => (JsonNode)id)]),
                    ["skuPartNumber"] = pair.Value.PartNumber,
                    ["consumedUnits"] = pair.Value.Consumed,
                    ["prepaidUnits"] = new JsonObject { ["enabled"] = pair.Value.Enabled, ["suspended"] = 0, ["warning"] = 0 },
                });
                return Json(new JsonObject { ["value"] = new JsonArray([.. items]) });
            }
        });

        routes.MapPost(Root + "/domains", async (HttpRequest request) =>
        {
            if (Tenant(request, tokens) is not { } tenant)
            {
                return Unauthorized();
            }

            var name = Text(await ReadAsync(request), "id");
            if (string.IsNullOrEmpty(name))
            {
                return Error(400, "Request_BadRequest", "The domain id is required.");
            }

            lock (graph.Gate)
            {
                if (graph.Domains.Values.Any(domains => domains.ContainsKey(name)))
                {
                    return Error(400, "Request_BadRequest", $"The domain '{name}' already exists in a tenant.");
                }

                var domain = new EmulatedDomain { Id = name };
                graph.DomainsOf(tenant)[name] = domain;
                return Json(DomainJson(domain), 201);
            }
        });

        routes.MapGet(Root + "/domains/{name}", (string name, HttpRequest request) =>
            WithDomain(request, tokens, graph, name, domain => Json(DomainJson(domain))));

        routes.MapGet(Root + "/domains/{name}/verificationDnsRecords", (string name, HttpRequest request) =>
            WithDomain(request, tokens, graph, name, domain => Json(new JsonObject
            {
                ["value"] = new JsonArray(DnsRecord("Txt", domain.Id, "text", domain.VerificationText)),
            })));

        routes.MapGet(Root + "/domains/{name}/serviceConfigurationRecords", (string name, HttpRequest request) =>
            WithDomain(request, tokens, graph, name, domain => Json(new JsonObject
            {
                ["value"] = new JsonArray(
                    DnsRecord("Mx", domain.Id, "mailExchange", domain.Id.Replace('.', '-') + ".mail.protection.outlook.com"),
                    DnsRecord("CName", "autodiscover." + domain.Id, "canonicalName", "autodiscover.outlook.com"),
                    DnsRecord("Txt", domain.Id, "text", "v=spf1 include:spf.protection.outlook.com -all")),
            })));

        routes.MapGet(Root + "/domains/{name}/domainNameReferences", (string name, HttpRequest request) =>
            WithDomain(request, tokens, graph, name, domain => Json(new JsonObject
            {
                ["value"] = new JsonArray([.. References(graph, Tenant(request, tokens)!, domain).Select(user => (JsonNode)new JsonObject
                {
                    ["@odata.type"] = "#microsoft.graph.user",
                    ["id"] = user.Id,
                    ["userPrincipalName"] = user.UserPrincipalName,
                })]),
            })));

        routes.MapDelete(Root + "/domains/{name}", (string name, HttpRequest request) =>
            WithDomain(request, tokens, graph, name, domain =>
            {
                var tenant = Tenant(request, tokens)!;
                if (References(graph, tenant, domain).Any())
                {
                    return Error(400, "Request_BadRequest", $"Domain '{domain.Id}' cannot be deleted because it is referenced by directory objects.");
                }

                graph.DomainsOf(tenant).Remove(domain.Id);
                return Results.NoContent();
            }));

        routes.MapPost(Root + "/domains/{name}/verify", (string name, HttpRequest request) =>
            WithDomain(request, tokens, graph, name, domain =>
            {
                if (!graph.PublishedDomains.Contains(domain.Id))
                {
                    return Error(400, "Request_BadRequest", $"Domain verification failed: the TXT record {domain.VerificationText} was not found in DNS.");
                }

                domain.IsVerified = true;
                return Json(DomainJson(domain));
            }));
    }

    private static IEnumerable<EmulatedUser> References(GraphState graph, string tenant, EmulatedDomain domain) =>
        graph.UsersOf(tenant).Values.Where(user => user.UserPrincipalName.EndsWith("@" + domain.Id, StringComparison.OrdinalIgnoreCase));

    private static IResult WithDomain(HttpRequest request, TokenIssuer tokens, GraphState graph, string name, Func<EmulatedDomain, IResult> answer)
    {
        if (Tenant(request, tokens) is not { } tenant)
        {
            return Unauthorized();
        }

        lock (graph.Gate)
        {
            return graph.DomainsOf(tenant).TryGetValue(name, out var domain) ? answer(domain) : NotFound(name);
        }
    }

    private static string? Tenant(HttpRequest request, TokenIssuer tokens)
    {
        var bearer = request.Headers.Authorization.ToString();
        return bearer.StartsWith("Bearer ", StringComparison.Ordinal) && tokens.Validate(bearer["Bearer ".Length..]) is { AppOnly: false } token
            && token.Audience.StartsWith("https://graph.microsoft.com", StringComparison.OrdinalIgnoreCase)
            ? token.TenantId
            : null;
    }

    private static EmulatedUser? Find(GraphState graph, string tenant, string key) =>
        graph.UsersOf(tenant).Values.FirstOrDefault(u => u.Id.Equals(key, StringComparison.OrdinalIgnoreCase) || u.UserPrincipalName.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static JsonObject UserJson(EmulatedUser user) => new()
    {
        ["id"] = user.Id,
        ["userPrincipalName"] = user.UserPrincipalName,
        ["displayName"] = user.DisplayName,
        ["usageLocation"] = user.UsageLocation,
        ["assignedLicenses"] = new JsonArray([.. user.Licenses.Select(sku => (JsonNode)new JsonObject { ["skuId"] = sku.ToString(), ["disabledPlans"] = new JsonArray() })]),
    };

    /// <summary>A DNS record as Graph writes it: its derived type in <c>@odata.type</c>, so SDKs read the type's own field.</summary>
    private static JsonObject DnsRecord(string recordType, string label, string field, string value)
    {
        var record = new JsonObject
        {
            ["@odata.type"] = recordType switch
            {
                "Mx" => "#microsoft.graph.domainDnsMxRecord",
                "CName" => "#microsoft.graph.domainDnsCnameRecord",
                _ => "#microsoft.graph.domainDnsTxtRecord",
            },
            ["recordType"] = recordType,
            ["label"] = label,
            ["ttl"] = 3600,
            [field] = value,
        };
        if (recordType == "Mx")
        {
            record["preference"] = 0;
        }

        return record;
    }

    private static JsonObject DomainJson(EmulatedDomain domain) => new() { ["id"] = domain.Id, ["isVerified"] = domain.IsVerified, ["isDefault"] = false };

    private static IResult Unauthorized() => Error(401, "InvalidAuthenticationToken", "Access token is empty, expired, or not for Microsoft Graph in a user context.");

    private static IResult NotFound(string key) => Error(404, "Request_ResourceNotFound", $"Resource '{key}' does not exist.");

    /// <summary>An error in Graph's shape, <c>{"error":{"code","message"}}</c>.</summary>
    internal static IResult Error(int status, string code, string message) =>
        PartnerCenterEndpoints.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, status);

    private static IResult Json(JsonNode node, int status = 200) => PartnerCenterEndpoints.Json(node, status);
}
