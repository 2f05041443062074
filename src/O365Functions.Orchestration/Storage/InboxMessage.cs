using O365Functions.Orchestration.History;

namespace O365Functions.Orchestration.Storage;

/// <summary>A message waiting in an instance's inbox, with the row that holds it.</summary>
internal sealed record InboxMessage(string RowKey, HistoryEvent Event);
