using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using O365Functions.Emulators.Entra;
using static O365Functions.Emulators.PartnerCenter.PartnerCenterEndpoints;

namespace O365Functions.Emulators.Graph;

/// <summary>
/// GDAP in the partner's tenant (<c>/tenantRelationships/delegatedAdminRelationships</c>): a relationship is created,
/// locked for approval, approved by the customer's admin (<see cref="MicrosoftEmulator.ApproveAdminRelationship"/>),
/// and gives a security group its roles through an access assignment, after which Graph calls in the customer's
/// tenant are allowed.
/// </summary>
internal static class AdminRelationshipEndpoints
{
    private const string Root = "/graph/v1.0/tenantRelationships/delegatedAdminRelationships";

    public static void Map(IEndpointRouteBuilder routes, AdminRelationships relationships, MicrosoftEmulatorOptions options, TokenIssuer tokens)
    {
        routes.MapPost(Root, async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            var customer = Text(body, "customer", "tenantId");
            if (customer is null || Text(body, "displayName") is not { } name)
            {
                return GraphEndpoints.Error(400, "Request_BadRequest", "displayName and customer.tenantId are required.");
            }

            lock (relationships.Gate)
            {
                if (relationships.All.Values.Any(r => r.DisplayName == name))
                {
                    return GraphEndpoints.Error(409, "Conflict", $"A relationship named '{name}' already exists.");
                }

                var relationship = new AdminRelationship(Guid.NewGuid().ToString(), name, customer, body?["accessDetails"]?.DeepClone());
                relationships.All[relationship.Id] = relationship;
                return Json(relationship.ToJson(), 201);
            }
        });

        routes.MapGet(Root, () =>
        {
            lock (relationships.Gate)
            {
                return Json(new JsonObject { ["value"] = new JsonArray([.. relationships.All.Values.Select(r => (JsonNode)r.ToJson())]) });
            }
        });

        routes.MapGet(Root + "/{id}", (string id) => With(relationships, id, r => Json(r.ToJson())));

        routes.MapPost(Root + "/{id}/requests", async (string id, HttpRequest request) =>
        {
            var action = Text(await ReadAsync(request), "action");
            return With(relationships, id, relationship =>
            {
                if (!string.Equals(action, "lockForApproval", StringComparison.OrdinalIgnoreCase) || relationship.Status != "created")
                {
                    return GraphEndpoints.Error(400, "Request_BadRequest", $"'{action}' is not possible while the relationship is {relationship.Status}.");
                }

                relationship.Status = "approvalPending";
                return Json(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["action"] = "lockForApproval", ["status"] = "created" }, 201);
            });
        });

        routes.MapGet(Root + "/{id}/accessAssignments", (string id) =>
            With(relationships, id, relationship => Json(new JsonObject { ["value"] = new JsonArray([.. relationship.Assignments.Select(a => a.DeepClone())]) })));

        routes.MapPost(Root + "/{id}/accessAssignments", async (string id, HttpRequest request) =>
        {
            var body = await ReadAsync(request) ?? new JsonObject();
            return With(relationships, id, relationship =>
            {
                if (relationship.Status != "active")
                {
                    return GraphEndpoints.Error(400, "Request_BadRequest", $"Access can be assigned only in an active relationship; this one is {relationship.Status}.");
                }

                var assignment = new JsonObject
                {
                    ["id"] = Guid.NewGuid().ToString(),
                    ["status"] = "active",
                    ["accessContainer"] = body["accessContainer"]?.DeepClone(),
                    ["accessDetails"] = body["accessDetails"]?.DeepClone(),
                };
                relationship.Assignments.Add(assignment);
                options.TenantsWithoutAdminRoles.Remove(relationship.CustomerTenantId);
                return Json(assignment, 201);
            });
        });
    }

    private static IResult With(AdminRelationships relationships, string id, Func<AdminRelationship, IResult> answer)
    {
        lock (relationships.Gate)
        {
            return relationships.All.TryGetValue(id, out var relationship)
                ? answer(relationship)
                : GraphEndpoints.Error(404, "Request_ResourceNotFound", $"Relationship '{id}' does not exist.");
        }
    }
}

/// <summary>The partner's GDAP relationships.</summary>
internal sealed class AdminRelationships
{
    public object Gate { get; } = new();

    public Dictionary<string, AdminRelationship> All { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One GDAP relationship and its access assignments.</summary>
internal sealed class AdminRelationship(string id, string displayName, string customerTenantId, JsonNode? accessDetails)
{
    public string Id { get; } = id;

    public string DisplayName { get; } = displayName;

    public string CustomerTenantId { get; } = customerTenantId;

    public string Status { get; set; } = "created";

    public List<JsonNode> Assignments { get; } = [];

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["displayName"] = DisplayName,
        ["status"] = Status,
        ["duration"] = "P730D",
        ["customer"] = new JsonObject { ["tenantId"] = CustomerTenantId },
        ["accessDetails"] = accessDetails?.DeepClone(),
    };
}
