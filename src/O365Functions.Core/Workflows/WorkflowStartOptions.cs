namespace O365Functions.Core.Workflows;

/// <summary>How to start a workflow instance. Mirrors Durable Task's <c>StartOrchestrationOptions</c>.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null. Choose it from the request to make starts idempotent.</param>
/// <param name="Version">The version to stamp on the instance; the engine's current one (<see cref="WorkflowVersions.Current"/>) when null.</param>
public sealed record WorkflowStartOptions(string? InstanceId = null, string? Version = null);
