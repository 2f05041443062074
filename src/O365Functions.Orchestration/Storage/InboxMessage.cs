using O365Functions.Orchestration.History;

namespace O365Functions.Orchestration.Storage;

/// <summary>
/// A message waiting for an instance's next step, with the inbox row that holds it; the row key is null for an
/// activity outcome handed over in memory (<see cref="Dispatch.WarmInstances"/>), which has no row.
/// </summary>
internal sealed record InboxMessage(string? RowKey, HistoryEvent Event)
{
    public bool IsStored => RowKey is not null;
}
