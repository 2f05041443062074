using System.Text.Json.Nodes;

namespace O365Functions.Core.Callbacks;

/// <summary>
/// Calls from the gateway back to an instance's APS controller: read a linked resource, or write progress onto one.
/// The adapter authenticates as the instance (its own certificate, or OAuth), sends to the controller URI the
/// instance last named, and carries the controller's transaction and the impersonated resource when given.
/// </summary>
public interface IApsController
{
    /// <summary>The resource as the controller holds it, or null when the controller has no such resource.</summary>
    Task<JsonObject?> GetResourceAsync(string instanceId, string resourceId, ApsCallContext? context = null, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="properties"/> onto the resource (a partial update, such as a status message).</summary>
    Task UpdateResourceAsync(string instanceId, string resourceId, JsonObject properties, ApsCallContext? context = null, CancellationToken cancellationToken = default);
}
