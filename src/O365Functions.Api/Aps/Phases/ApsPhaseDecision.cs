using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Api.Aps.Phases;

/// <summary>What an APS request about a resource leads to, given the resource's last operation.</summary>
public enum ApsPhaseAction
{
    /// <summary>The last operation still runs: 202 with its progress.</summary>
    Accepted,

    /// <summary>The operation asked about completed: the caller's answer.</summary>
    Completed,

    /// <summary>The operation asked about failed, and the request may not start it again: 500 with what failed.</summary>
    Failed,

    /// <summary>The operation was recorded but its workflow never started (a crash in between, or a pause): start it under its recorded id.</summary>
    StartRecorded,

    /// <summary>New work, or a failed operation sent again in the sync phase: record and start the next generation.</summary>
    StartNext,
}

/// <summary>The decision for one request, with what acting on it needs.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Kind">The kind of operation the answer speaks of (the running one's, for <see cref="ApsPhaseAction.Accepted"/>).</param>
/// <param name="WorkflowInstanceId">The workflow to start, for the two start actions.</param>
/// <param name="Generation">The generation to record, for <see cref="ApsPhaseAction.StartNext"/>.</param>
public sealed record ApsPhaseDecision(ApsPhaseAction Action, string Kind, string? WorkflowInstanceId = null, int Generation = 0)
{
    /// <summary>
    /// Decides from the resource's last operation (<paramref name="last"/>, null when it has none), the state of its
    /// workflow (<paramref name="current"/>, null when there is none), and the request: its kind, its change id, and
    /// whether it is the controller's poll. Nothing else is read, so every case is a row of a table.
    /// </summary>
    public static ApsPhaseDecision For(ResourceOperationRecord? last, WorkflowInstance? current, string kind, string change, bool isPoll)
    {
        if (last is not null)
        {
            var sameChange = last.Change == change;
            if (current is null && sameChange)
            {
                return new(ApsPhaseAction.StartRecorded, kind, last.WorkflowInstanceId);
            }

            if (current is { IsRunning: true })
            {
                return new(ApsPhaseAction.Accepted, last.Kind);
            }

            if (current is not null && isPoll && !sameChange && last.Kind == kind)
            {
                // A poll asks how the operation it started ended, even when what it describes has changed since (a
                // domain's verification count): it is answered from that operation and never starts another.
                return Finished(last.Kind, current);
            }

            if (current is not null && sameChange && (current.RuntimeStatus == WorkflowRuntimeStatus.Completed || isPoll))
            {
                return Finished(last.Kind, current);
            }

            // Otherwise the controller sent a failed operation again (a task restarted by the provider), or new work.
        }

        var generation = (last?.Generation ?? 0) + 1;
        return new(ApsPhaseAction.StartNext, kind, ApsOperationRequest.GenerationId(change, generation), generation);
    }

    private static ApsPhaseDecision Finished(string kind, WorkflowInstance current) =>
        new(current.RuntimeStatus == WorkflowRuntimeStatus.Completed ? ApsPhaseAction.Completed : ApsPhaseAction.Failed, kind);
}
