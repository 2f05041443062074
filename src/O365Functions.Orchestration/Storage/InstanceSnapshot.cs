using O365Functions.Orchestration.History;

namespace O365Functions.Orchestration.Storage;

/// <summary>Everything stored for one instance, read in one partition query: its state, its history and its inbox.</summary>
internal sealed record InstanceSnapshot(InstanceState State, IReadOnlyList<HistoryEvent> History, IReadOnlyList<InboxMessage> Inbox);
