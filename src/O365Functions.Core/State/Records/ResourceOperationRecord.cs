namespace O365Functions.Core.State.Records;

/// <summary>
/// The workflow last started for an APS resource. While it runs, every request for the resource is answered from its
/// state, so a repeated or overlapping request never starts a second one.
/// </summary>
/// <param name="InstanceId">The APS instance.</param>
/// <param name="ResourceId">The APS resource the operation works on.</param>
/// <param name="Kind">What the operation does, such as <c>provision</c>, <c>configure</c> or <c>refreshToken</c>.</param>
/// <param name="WorkflowInstanceId">The workflow carrying it out.</param>
/// <param name="StartedAt">When it was started.</param>
/// <param name="ChangeId">
/// The request it carries out (instance, resource, kind and digest); the workflow's id is this for the first start and
/// gets the <paramref name="Generation"/> when the same change is made again later (disable, enable, disable again;
/// or a failed operation sent again).
/// </param>
/// <param name="Generation">How many workflows were started for the resource through this pointer.</param>
/// <param name="TraceId">The W3C trace id of the request that started it (the APS request, or an operator's retry), when traced.</param>
public sealed record ResourceOperationRecord(
    string InstanceId, string ResourceId, string Kind, string WorkflowInstanceId, DateTimeOffset StartedAt, string? ChangeId = null, int Generation = 1, string? TraceId = null)
{
    /// <summary>The change the pointer's workflow carries out (records written before generations name it by their workflow).</summary>
    public string Change => ChangeId ?? WorkflowInstanceId;
}
