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
        $"{ResourcePrefix(InstanceId, ResourceId)}{Kind}_{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Change.Span).AsSpan(0, 16))}";

    /// <summary>The workflow id of a change's <paramref name="generation"/>th start: the change's id, then <c>_{generation}</c> from the second on.</summary>
    public static string GenerationId(string change, int generation) => generation == 1 ? change : $"{change}_{generation}";

    /// <summary>What every operation id of the resource starts with: a prefix query finds all its workflows.</summary>
    public static string ResourcePrefix(string instanceId, string resourceId) => $"{instanceId}_{resourceId}_";

    /// <summary>
    /// Reads the kind and generation back from an operation id under <see cref="ResourcePrefix"/>
    /// (<c>{kind}_{digest}</c>, and <see cref="GenerationId"/>'s suffix from the second start on); false for any other id.
    /// </summary>
    public static bool TryReadId(string workflowInstanceId, string instanceId, string resourceId, out string kind, out int generation)
    {
        ArgumentNullException.ThrowIfNull(workflowInstanceId);
        (kind, generation) = (string.Empty, 0);
        var prefix = ResourcePrefix(instanceId, resourceId);
        if (!workflowInstanceId.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = workflowInstanceId[prefix.Length..].Split('_');
        switch (parts)
        {
            case [var k, _]:
                (kind, generation) = (k, 1);
                return true;
            case [var k, _, var g] when int.TryParse(g, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 1:
                (kind, generation) = (k, n);
                return true;
            default:
                return false;
        }
    }
}
