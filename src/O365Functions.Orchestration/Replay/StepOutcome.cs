using O365Functions.Core.Workflows;
using O365Functions.Orchestration.History;

namespace O365Functions.Orchestration.Replay;

/// <summary>
/// What one replay produced: the calls the workflow made that are not in its history yet, whether it finished, and
/// its custom status.
/// </summary>
internal sealed record StepOutcome(IReadOnlyList<HistoryEvent> NewActions, WorkflowRuntimeStatus Status, string? CustomStatus)
{
    public string? Output { get; init; }

    public WorkflowFailureDetails? Failure { get; init; }
}
