using O365Functions.Core.Workflows;

namespace O365Functions.Orchestration.Storage;

/// <summary>
/// An instance's line in the index that recovery, queries and purge read. It is written before the instance exists
/// and again when it finishes, so its status says pending until then and may lag the instance's own state by one
/// write, but it never misses an instance.
/// </summary>
internal sealed record IndexEntry(string InstanceId, string Name, WorkflowRuntimeStatus Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt)
{
    public bool IsFinished => Status.IsFinished();
}
