using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps.Authentication;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Core.Workflows;

namespace O365Functions.Api.Aps;

/// <summary>One authenticated APS request as a service handles it.</summary>
public sealed class ApsCall
{
    /// <summary>The HTTP request.</summary>
    public required HttpRequest Request { get; init; }

    /// <summary>The <c>APS-Instance-ID</c>.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The installed instance; null only while it is being installed.</summary>
    public ApsInstance? Instance { get; init; }

    /// <summary>The path's parts.</summary>
    public required ApsRoute Route { get; init; }

    /// <summary>The type of the service called.</summary>
    public required ApsType Type { get; init; }

    /// <summary>The host's workflow client.</summary>
    public required IWorkflowClient Workflows { get; init; }

    /// <summary>The JSON body (empty when the request has none).</summary>
    public JsonObject Body { get; init; } = [];

    /// <summary>The resource id in the path, or the body's <c>aps.id</c> when provisioning.</summary>
    public string ResourceId => Route.ResourceId ?? ApsId(Body) ?? string.Empty;

    /// <summary>The controller's poll of an operation it started (<c>APS-Request-Phase: async</c>).</summary>
    public bool IsPoll => string.Equals(Request.Headers[ApsHeaders.RequestPhase].ToString(), "async", StringComparison.OrdinalIgnoreCase);

    /// <summary>The installed instance, for handlers that only run once it is.</summary>
    public ApsInstance RequiredInstance => Instance ?? throw new InvalidOperationException("The instance is not installed.");

    /// <summary>
    /// What identifies the change a request asks for, digested into its workflow's id: the body without its <c>aps</c>
    /// object (whose status the controller changes between its requests) and without <paramref name="leftOut"/>
    /// (write-only secrets, which must not make a repeated request look new).
    /// </summary>
    public byte[] ChangeOf(params string[] leftOut)
    {
        ArgumentNullException.ThrowIfNull(leftOut);
        var body = Body.DeepClone().AsObject();
        body.Remove("aps");
        foreach (var name in leftOut)
        {
            body.Remove(name);
        }

        return System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>The body's <c>aps.id</c>, or null.</summary>
    public static string? ApsId(JsonObject body) => (body["aps"] as JsonObject)?["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The <c>aps.id</c> of the link named <paramref name="relation"/> in the body, or null.</summary>
    public string? LinkId(string relation) => Body[relation] is JsonObject link ? ApsId(link) : null;
}
