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
        // One pass over the history: it runs at every step, and the history grows with each one.
        var calls = new Dictionary<int, HistoryEvent>();
        var resolved = new HashSet<int>();
        var seenMessages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var past in snapshot.History)
        {
            if (past.IsScheduling)
            {
                calls[past.TaskId] = past;
            }
            else if (past.IsTaskOutcome)
            {
                resolved.Add(past.TaskId);
            }

            if (past.MessageId is not null)
            {
                seenMessages.Add(past.MessageId);
            }
        }

        var accepted = new List<HistoryEvent>(snapshot.Inbox.Count);
        var consumed = new List<InboxMessage>(Math.Min(snapshot.Inbox.Count, maxMessages));
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
        // An outcome always follows its call in the history.
        var unanswered = new HashSet<int>();
        foreach (var past in snapshot.History)
        {
            if (past.Kind == HistoryEventKind.TaskScheduled)
            {
                unanswered.Add(past.TaskId);
            }
            else if (past.IsTaskOutcome)
            {
                unanswered.Remove(past.TaskId);
            }
        }

        return unanswered.Count > 0;
    }

    private static bool Answers(HistoryEvent outcome, HistoryEvent call) => call.Kind switch
    {
        HistoryEventKind.TaskScheduled => outcome.Kind is HistoryEventKind.TaskCompleted or HistoryEventKind.TaskFailed,
        _ => outcome.Kind is HistoryEventKind.TimerFired,
    };
}
