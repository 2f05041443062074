using System.Text.Json.Serialization;
using O365Functions.Core.Workflows;

namespace O365Functions.Orchestration.History;

/// <summary>
/// One fact in an instance's history, or one message waiting in its inbox (a message becomes history when a step
/// consumes it). Flat rather than a type hierarchy so it stores as plain JSON; which fields are set depends on
/// <see cref="Kind"/>.
/// </summary>
internal sealed record HistoryEvent(HistoryEventKind Kind, DateTime Timestamp)
{
    /// <summary>The sequence number of the activity, timer or sub-workflow the event belongs to; -1 for none.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>The workflow, activity or event name.</summary>
    public string? Name { get; init; }

    /// <summary>The input, result, event payload or output, as JSON.</summary>
    public string? Payload { get; init; }

    /// <summary>The failure of a task or of the workflow.</summary>
    public WorkflowFailureDetails? Failure { get; init; }

    /// <summary>When a timer is due.</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>The id of the inbox message this event came from; a message is consumed at most once.</summary>
    public string? MessageId { get; init; }

    /// <summary>True for the events a workflow's own calls produce, which replay must reproduce in order.</summary>
    [JsonIgnore]
    public bool IsScheduling => Kind is HistoryEventKind.TaskScheduled or HistoryEventKind.TimerCreated;

    /// <summary>True for the events that finish a scheduled task.</summary>
    [JsonIgnore]
    public bool IsTaskOutcome => Kind is HistoryEventKind.TaskCompleted or HistoryEventKind.TaskFailed or HistoryEventKind.TimerFired;
}
