using O365Functions.Api.Aps.Phases;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Api.UnitTests.Aps;

/// <summary>Every case of the phase rule, as a table: the resource's last operation, its workflow, and the request.</summary>
public sealed class ApsPhaseDecisionTests
{
    private const string Change = "i1_t1_configure_aaaa";
    private const string OtherChange = "i1_t1_configure_bbbb";

    /// <summary>
    /// Columns: last operation (none, or its kind and change), its workflow's state (none when it never started), the
    /// request's kind and change, whether it is a poll; then the decision, the kind it speaks of, and what it starts.
    /// </summary>
    public static TheoryData<string?, string?, WorkflowRuntimeStatus?, string, string, bool, ApsPhaseAction, string, string?> Rows => new()
    {
        // Nothing recorded yet: new work starts as generation 1, under the change's own id.
        { null, null, null, "configure", Change, false, ApsPhaseAction.StartNext, "configure", Change },
        { null, null, null, "configure", Change, true, ApsPhaseAction.StartNext, "configure", Change },
        // Recorded but never started (a crash between the two, or a pause): start it under the recorded id.
        { "configure", Change, null, "configure", Change, false, ApsPhaseAction.StartRecorded, "configure", Change + "_2" },
        { "configure", Change, null, "configure", Change, true, ApsPhaseAction.StartRecorded, "configure", Change + "_2" },
        // Running: every request about the resource is answered from it, whatever it asks, naming the running kind.
        { "configure", Change, WorkflowRuntimeStatus.Running, "configure", Change, false, ApsPhaseAction.Accepted, "configure", null },
        { "configure", Change, WorkflowRuntimeStatus.Pending, "disable", OtherChange, false, ApsPhaseAction.Accepted, "configure", null },
        { "provision", Change, WorkflowRuntimeStatus.Suspended, "configure", OtherChange, true, ApsPhaseAction.Accepted, "provision", null },
        // Finished, same change: completed answers; failed answers a poll, and starts generation + 1 in the sync phase.
        { "configure", Change, WorkflowRuntimeStatus.Completed, "configure", Change, false, ApsPhaseAction.Completed, "configure", null },
        { "configure", Change, WorkflowRuntimeStatus.Completed, "configure", Change, true, ApsPhaseAction.Completed, "configure", null },
        { "configure", Change, WorkflowRuntimeStatus.Failed, "configure", Change, true, ApsPhaseAction.Failed, "configure", null },
        { "configure", Change, WorkflowRuntimeStatus.Terminated, "configure", Change, true, ApsPhaseAction.Failed, "configure", null },
        { "configure", Change, WorkflowRuntimeStatus.Failed, "configure", Change, false, ApsPhaseAction.StartNext, "configure", Change + "_3" },
        // Finished, another change of the same kind: a poll is answered from the operation it started...
        { "configure", Change, WorkflowRuntimeStatus.Completed, "configure", OtherChange, true, ApsPhaseAction.Completed, "configure", null },
        { "configure", Change, WorkflowRuntimeStatus.Failed, "configure", OtherChange, true, ApsPhaseAction.Failed, "configure", null },
        // ...and the sync phase starts the new change, one generation on.
        { "configure", Change, WorkflowRuntimeStatus.Completed, "configure", OtherChange, false, ApsPhaseAction.StartNext, "configure", OtherChange + "_3" },
        // Finished, another kind: new work, even when polled.
        { "provision", Change, WorkflowRuntimeStatus.Completed, "configure", OtherChange, true, ApsPhaseAction.StartNext, "configure", OtherChange + "_3" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_rule_decides_each_case_from_the_last_operation_its_workflow_and_the_request(
        string? lastKind, string? lastChange, WorkflowRuntimeStatus? status, string kind, string change, bool isPoll, ApsPhaseAction action, string answerKind, string? starts)
    {
        // The recorded operation is generation 2 of its change, so a start shows whether it reuses or advances it.
        var last = lastKind is null ? null : new ResourceOperationRecord("i1", "t1", lastKind, lastChange + "_2", DateTimeOffset.UnixEpoch, lastChange, Generation: 2);
        var current = status is null ? null : new WorkflowInstance
        {
            Name = "ChangeTenant", InstanceId = last!.WorkflowInstanceId, RuntimeStatus = status.Value, CreatedAt = DateTimeOffset.UnixEpoch, LastUpdatedAt = DateTimeOffset.UnixEpoch,
        };

        var decision = ApsPhaseDecision.For(last, current, kind, change, isPoll);

        Assert.Equal(action, decision.Action);
        Assert.Equal(answerKind, decision.Kind);
        Assert.Equal(starts, decision.WorkflowInstanceId);
        Assert.Equal(action == ApsPhaseAction.StartNext ? (last?.Generation ?? 0) + 1 : 0, decision.Generation);
    }
}
