using O365Functions.Orchestration.History;
using O365Functions.Orchestration.Storage;

namespace O365Functions.Orchestration.Dispatch;

/// <summary>
/// Decides which inbox messages a step consumes. Activities run at least once and timers may fire twice across a
/// restart, so an outcome for a call that already has one, or for a call that does not exist, is consumed without
/// effect, as is an event message already in the history.
/// </summary>
internal static class InboxTriage
{
    public static (List<HistoryEvent> Accepted, List<InboxMessage> Consumed) Sort(InstanceSnapshot snapshot, int maxMessages)
    {
        var calls = snapshot.History.Where(e => e.IsScheduling).ToDictionary(e => e.TaskId);
        var resolved = snapshot.History.Where(e => e.IsTaskOutcome).Select(e => e.TaskId).ToHashSet();
        var seenMessages = snapshot.History.Where(e => e.MessageId is not null).Select(e => e.MessageId!).ToHashSet(StringComparer.Ordinal);
        var accepted = new List<HistoryEvent>();
        var consumed = new List<InboxMessage>();
        foreach (var message in snapshot.Inbox)
        {
            if (consumed.Count == maxMessages)
            {
                break;
            }

            consumed.Add(message);
            var candidate = message.Event;
            var fresh = candidate.IsTaskOutcome
                ? calls.TryGetValue(candidate.TaskId, out var call) && Answers(candidate, call) && resolved.Add(candidate.TaskId)
                : candidate.MessageId is null || seenMessages.Add(candidate.MessageId);
            if (fresh)
            {
                accepted.Add(candidate);
            }
        }

        return (accepted, consumed);
    }

    /// <summary>The calls in the history that have no outcome yet, neither in the history nor waiting in the inbox.</summary>
    public static IEnumerable<HistoryEvent> OutstandingCalls(InstanceSnapshot snapshot)
    {
        var resolved = snapshot.History.Concat(snapshot.Inbox.Select(m => m.Event))
            .Where(e => e.IsTaskOutcome)
            .Select(e => e.TaskId)
            .ToHashSet();
        return snapshot.History.Where(e => e.IsScheduling && !resolved.Contains(e.TaskId));
    }

    /// <summary>Whether an activity the history scheduled has no outcome in it yet: the instance's next step is near.</summary>
    public static bool OutstandingActivities(InstanceSnapshot snapshot)
    {
        var resolved = snapshot.History.Where(e => e.IsTaskOutcome).Select(e => e.TaskId).ToHashSet();
        return snapshot.History.Any(e => e.Kind == HistoryEventKind.TaskScheduled && !resolved.Contains(e.TaskId));
    }

    private static bool Answers(HistoryEvent outcome, HistoryEvent call) => call.Kind switch
    {
        HistoryEventKind.TaskScheduled => outcome.Kind is HistoryEventKind.TaskCompleted or HistoryEventKind.TaskFailed,
        _ => outcome.Kind is HistoryEventKind.TimerFired,
    };
}
