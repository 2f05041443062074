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
public sealed record ResourceOperationRecord(string InstanceId, string ResourceId, string Kind, string WorkflowInstanceId, DateTimeOffset StartedAt);
