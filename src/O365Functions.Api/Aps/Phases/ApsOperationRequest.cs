namespace O365Functions.Api.Aps.Phases;

/// <summary>Accepted work on an APS resource that a workflow carries out.</summary>
/// <param name="InstanceId">The APS instance.</param>
/// <param name="ResourceId">The resource the work is for.</param>
/// <param name="Kind">What the work is (<c>provision</c>, <c>configure</c>, <c>refreshToken</c>...), shown to people.</param>
/// <param name="WorkflowName">The workflow that does it.</param>
/// <param name="Input">The workflow's input.</param>
/// <param name="Change">What the request asks for, digested into the workflow's id: the same request maps to the same workflow, a different one to another.</param>
public sealed record ApsOperationRequest(string InstanceId, string ResourceId, string Kind, string WorkflowName, object? Input, ReadOnlyMemory<byte> Change)
{
    /// <summary>
    /// The controller's poll (<c>APS-Request-Phase: async</c>): it only asks how the operation it started is doing, so
    /// it never starts one, even where the sync phase would start the failed operation again.
    /// </summary>
    public bool IsPoll { get; init; }

    /// <summary>
    /// The change's id, and its first workflow's: instance, resource, kind and the first 16 bytes of the SHA-256 of the
    /// change, so a repeated request finds the workflow the first one started instead of starting another.
    /// </summary>
    public string WorkflowInstanceId =>
        $"{InstanceId}_{ResourceId}_{Kind}_{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Change.Span).AsSpan(0, 16))}";
}
