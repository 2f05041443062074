using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.History;

namespace O365Functions.Orchestration.Replay;

/// <summary>
/// Runs workflow code against its history plus the events of a new step, on one thread, with continuations run in
/// order by a <see cref="ReplaySynchronizationContext"/>. The result says what the code asked for that is new.
/// </summary>
internal static class WorkflowReplayer
{
    public static StepOutcome Run(
        Func<IWorkflowContext, Task<string?>> workflow,
        string name,
        string instanceId,
        string? version,
        string? input,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> incoming,
        ILoggerFactory loggers)
    {
        var pastCalls = past.Where(e => e.IsScheduling).ToDictionary(e => e.TaskId);
        var context = new ReplayContext(name, instanceId, version, input, pastCalls, loggers);
        var continuations = new ReplaySynchronizationContext();
        var previous = SynchronizationContext.Current;
        Task<string?>? run = null;

        SynchronizationContext.SetSynchronizationContext(continuations);
        try
        {
            context.IsReplaying = true;
            foreach (var historyEvent in past)
            {
                Play(historyEvent);
            }

            if (context.Mismatch is null && run is { IsCompleted: false } && context.CallCount < pastCalls.Count)
            {
                return Failed(context, new NonDeterministicWorkflowException(
                    $"Workflow '{name}' ({instanceId}) made {context.CallCount} calls on replay, but its history records {pastCalls.Count}. " +
                    "Workflow code must make the same calls in the same order on every replay."));
            }

            context.IsReplaying = false;
            foreach (var historyEvent in incoming)
            {
                Play(historyEvent);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (context.Mismatch is { } mismatch)
        {
            return Failed(context, new NonDeterministicWorkflowException(mismatch));
        }

        return run switch
        {
            null or { IsCompleted: false } => new StepOutcome(context.NewActions, WorkflowRuntimeStatus.Running, context.CustomStatus),
            { IsCompletedSuccessfully: true } => new StepOutcome(context.NewActions, WorkflowRuntimeStatus.Completed, context.CustomStatus) { Output = run.Result },
            { IsCanceled: true } => Failed(context, new TaskCanceledException($"Workflow '{name}' ({instanceId}) ended with a cancelled task it did not handle.")),
            _ => Failed(context, run.Exception!.InnerException ?? run.Exception),
        };

        void Play(HistoryEvent historyEvent)
        {
            if (run is { IsCompleted: true } || context.Mismatch is not null)
            {
                return;
            }

            try
            {
                context.Apply(historyEvent);
            }
            catch (NonDeterministicWorkflowException)
            {
                return;
            }

            if (historyEvent.Kind == HistoryEventKind.OrchestratorStarted && run is null)
            {
                run = Start(workflow, context);
            }

            continuations.RunPending();
        }
    }

    private static Task<string?> Start(Func<IWorkflowContext, Task<string?>> workflow, ReplayContext context)
    {
        try
        {
            return workflow(context);
        }
        catch (Exception exception)
        {
            return Task.FromException<string?>(exception);
        }
    }

    private static StepOutcome Failed(ReplayContext context, Exception exception) =>
        new([], WorkflowRuntimeStatus.Failed, context.CustomStatus) { Failure = WorkflowFailureDetails.FromException(exception) };
}
