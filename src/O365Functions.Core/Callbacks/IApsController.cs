using System.Text.Json.Nodes;

namespace O365Functions.Core.Callbacks;

/// <summary>
/// Calls from the gateway back to an instance's APS controller. The adapter authenticates as the instance (its own
/// certificate, or OAuth), sends only to the controller URI recorded for the instance, bounds each call, retries reads,
/// and carries the controller's transaction and the impersonated resource when given. <see cref="CommerceController"/>
/// gives these calls their CloudBlue Commerce meaning.
/// </summary>
public interface IApsController
{
    /// <summary>
    /// Sends <paramref name="request"/> and answers the controller's JSON, or null when it has no such resource (404)
    /// or answered with no body. A refusal or an unreachable controller is an <see cref="ApsControllerException"/>.
    /// </summary>
    Task<JsonNode?> SendAsync(string instanceId, ApsControllerRequest request, CancellationToken cancellationToken = default);
}

/// <summary>One call to the controller.</summary>
/// <param name="Method">The HTTP method; only <c>GET</c> is ever repeated.</param>
/// <param name="Path">The path under the controller URI, such as <c>aps/2/resources/{id}</c>, with any query.</param>
/// <param name="Body">The JSON body, or null.</param>
/// <param name="Context">The transaction and impersonated resource, or null.</param>
public sealed record ApsControllerRequest(HttpMethod Method, string Path, JsonNode? Body = null, ApsCallContext? Context = null)
{
    /// <summary>A request about the resource <paramref name="resourceId"/>: <c>aps/2/resources/{id}{tail}</c>.</summary>
    public static ApsControllerRequest Resource(HttpMethod method, string resourceId, string tail = "", JsonNode? body = null, ApsCallContext? context = null) =>
        new(method, $"aps/2/resources/{Uri.EscapeDataString(resourceId)}{tail}", body, context);
}
