using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps.Package;

namespace O365Functions.Api.Aps;

/// <summary>
/// Writes resources the way the controller reads them: <c>aps</c> with the id and type, then the type's properties.
/// Only declared properties are written, and never a write-only one, whatever the source object holds.
/// </summary>
public static class ApsRepresentation
{
    /// <summary>200 with the resource.</summary>
    public static IResult Ok(ApsType type, string id, object properties) => Results.Json(Build(type, id, properties), GatewayJson.Options);

    /// <summary>The resource as JSON.</summary>
    public static JsonObject Build(ApsType type, string id, object properties)
    {
        ArgumentNullException.ThrowIfNull(type);
        var source = JsonSerializer.SerializeToNode(properties, GatewayJson.Options) as JsonObject ?? [];
        var resource = new JsonObject { ["aps"] = new JsonObject { ["id"] = id, ["type"] = type.Id } };
        foreach (var property in type.Properties.Where(p => p.Access != ApsAccess.WriteOnly))
        {
            if (source[property.Name] is { } value)
            {
                resource[property.Name] = value.DeepClone();
            }
        }

        return resource;
    }
}
