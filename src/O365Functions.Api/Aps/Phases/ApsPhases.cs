using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.Core.Telemetry;
using O365Functions.Core.Workflows;

namespace O365Functions.Api.Aps.Phases;

/// <summary>
/// APS's provisioning phases over workflows. Accepted work starts a workflow under a deterministic id and answers 202
/// with <c>APS-Retry-Timeout</c> and <c>APS-Info</c>; the controller's polls, and any request for a resource whose
/// workflow still runs, are answered from that workflow's state: 202 while it runs, the caller's answer when it
/// completed, 500 with what failed and what to do when it failed. Nothing ever starts a second workflow for the same
/// request while the first runs or after it completed, and a new change waits until the running one is done. A failed
/// operation is started anew (a new generation of its id) only when the controller sends it again in the sync phase.
/// </summary>
public sealed partial class ApsPhases(GatewayRecords records, IOptions<ApsOptions> options, ILogger<ApsPhases> logger, Operations.GatewayControl? control = null)
{
    /// <summary>Starts the work, or answers from the workflow already doing it or the one that did it.</summary>
    /// <param name="operation">The work.</param>
    /// <param name="workflows">The host's workflow client.</param>
    /// <param name="completed">The answer once the workflow completed (usually 200 with the resource).</param>
    /// <param name="beforeStart">
    /// What must be stored before the workflow starts (a secret it reads), run only when this request starts it, never
    /// on a poll, so a repeated request cannot overwrite what the running workflow already changed.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for the store.</param>
    public async Task<IResult> StartOrPollAsync(
        ApsOperationRequest operation,
        IWorkflowClient workflows,
        Func<WorkflowInstance, Task<IResult>> completed,
        Func<Task>? beforeStart,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(workflows);
        ArgumentNullException.ThrowIfNull(completed);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.ResourceOperation(operation.InstanceId, operation.ResourceId);
        var change = operation.WorkflowInstanceId;
        for (var attempt = 0; ; attempt++)
        {
            var pointer = await store.GetAsync<ResourceOperationRecord>(key, cancellationToken).ConfigureAwait(false);
            var current = pointer is null ? null
                : await workflows.GetInstanceAsync(pointer.Record.WorkflowInstanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            var decision = ApsPhaseDecision.For(pointer?.Record, current, operation.Kind, change, operation.IsPoll);
            switch (decision.Action)
            {
                case ApsPhaseAction.Accepted:
                    return Accepted(decision.Kind, current);
                case ApsPhaseAction.Completed:
                    return await completed(current!).ConfigureAwait(false);
                case ApsPhaseAction.Failed:
                    return Failed(decision.Kind, current!);
                case ApsPhaseAction.StartNext:
                    var started = new ResourceOperationRecord(
                        operation.InstanceId, operation.ResourceId, operation.Kind, decision.WorkflowInstanceId!, DateTimeOffset.UtcNow, change, decision.Generation, GatewayTelemetry.CurrentTraceId);
                    try
                    {
                        await store.PutAsync(key, started, pointer?.ETag, cancellationToken).ConfigureAwait(false);
                    }
                    catch (EntityStoreException conflict) when (attempt < 3 && conflict.Error is EntityStoreError.AlreadyExists or EntityStoreError.PreconditionFailed)
                    {
                        // Another request for the resource won the race: answer from what it started.
                        continue;
                    }

                    break;
            }

            // Recorded, so a pause holds it back and the controller's next poll after the resume starts it.
            if (await IsPausedAsync(cancellationToken).ConfigureAwait(false))
            {
                return Paused(operation.Kind);
            }

            await (beforeStart?.Invoke() ?? Task.CompletedTask).ConfigureAwait(false);
            await StartAsync(workflows, decision.WorkflowInstanceId!, operation, cancellationToken).ConfigureAwait(false);
            return Accepted(operation.Kind, null);
        }
    }

    /// <summary>
    /// An operator's retry of a resource's failed (or stopped) operation: what the controller's task manager does when
    /// it sends the request again, without waiting for it. The next generation of the operation's id is recorded and
    /// started with the failed workflow's input, so completed steps find their effects and are not repeated, and the
    /// controller's next poll follows the new workflow. A pause holds the start back like any other.
    /// </summary>
    public async Task<ApsRetry> RetryAsync(string instanceId, string resourceId, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.ResourceOperation(instanceId, resourceId);
        var pointer = await store.GetAsync<ResourceOperationRecord>(key, cancellationToken).ConfigureAwait(false);
        if (pointer is null)
        {
            return new ApsRetry(ApsRetryOutcome.NotFound, $"Resource {resourceId} of instance {instanceId} has no operation.");
        }

        var last = pointer.Record;
        var current = await workflows.GetInstanceAsync(last.WorkflowInstanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (current is null || current.RuntimeStatus is not (WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated))
        {
            var status = current is null ? "waiting to start" : Operations.OperationStatus.Word(current.RuntimeStatus);
            return new ApsRetry(ApsRetryOutcome.NotFailed, $"The {last.Kind} operation of {resourceId} is {status}; only a failed or stopped operation is retried.");
        }

        var decision = ApsPhaseDecision.For(last, current, last.Kind, last.Change, isPoll: false);
        var next = last with
        {
            WorkflowInstanceId = decision.WorkflowInstanceId!, StartedAt = DateTimeOffset.UtcNow, ChangeId = last.Change, Generation = decision.Generation, TraceId = GatewayTelemetry.CurrentTraceId,
        };
        try
        {
            await store.PutAsync(key, next, pointer.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (EntityStoreException conflict) when (conflict.Error is EntityStoreError.PreconditionFailed)
        {
            return new ApsRetry(ApsRetryOutcome.NotFailed, $"The operation of {resourceId} changed while the retry was asked for (the controller sent it again); look at it again.");
        }

        if (await IsPausedAsync(cancellationToken).ConfigureAwait(false))
        {
            return new ApsRetry(ApsRetryOutcome.Started,
                $"The {last.Kind} operation of {resourceId} is recorded as {next.WorkflowInstanceId} and waits: provisioning is paused. It starts at the controller's first poll after the resume.",
                next.WorkflowInstanceId);
        }

        using var input = System.Text.Json.JsonDocument.Parse(current.SerializedInput ?? "null");
        var operation = new ApsOperationRequest(instanceId, resourceId, last.Kind, current.Name, input.RootElement.Clone(), ReadOnlyMemory<byte>.Empty);
        await StartAsync(workflows, next.WorkflowInstanceId, operation, cancellationToken).ConfigureAwait(false);
        return new ApsRetry(ApsRetryOutcome.Started, $"The {last.Kind} operation of {resourceId} started again as {next.WorkflowInstanceId}.", next.WorkflowInstanceId);
    }

    private async Task<bool> IsPausedAsync(CancellationToken cancellationToken) =>
        control is not null && await control.IsPausedAsync(cancellationToken).ConfigureAwait(false);

    private ApsAcceptedResult Paused(string kind) => new(RetryTimeoutSeconds(),
        $"The {kind} operation is accepted and waits: the operator has paused provisioning. It starts when provisioning resumes.");

    /// <summary>The 202 for work under way: a jittered <c>APS-Retry-Timeout</c> and the workflow's progress in <c>APS-Info</c>.</summary>
    public IResult Accepted(string kind, WorkflowInstance? workflow)
    {
        var progress = workflow?.SerializedCustomStatus is { Length: > 0 } ? workflow.ReadCustomStatusAs<WorkflowProgress>() : null;
        var info = progress is null
            ? $"The {kind} operation is queued."
            : $"The {kind} operation is at step {Math.Min(progress.CompletedSteps + 1, Math.Max(progress.TotalSteps, 1))} of {Math.Max(progress.TotalSteps, 1)}: {progress.Step}.";
        return new ApsAcceptedResult(RetryTimeoutSeconds(), info);
    }

    /// <summary>The 500 for failed work: the step, what it said, and what to do.</summary>
    public static IResult Failed(string kind, WorkflowInstance workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.RuntimeStatus == WorkflowRuntimeStatus.Terminated)
        {
            return ApsResults.Error(StatusCodes.Status500InternalServerError, "OperationTerminated",
                $"The {kind} operation was stopped by an operator before it finished. Send the request again to start it anew.");
        }

        var (step, cause) = DescribeFailure(workflow.FailureDetails);
        return ApsResults.Error(StatusCodes.Status500InternalServerError, "OperationFailed",
            $"The {kind} operation failed{(step is null ? string.Empty : $" at step {step}")}: {cause ?? "no reason was recorded"} " +
            "Correct what the message names, then send the request again; completed steps are not repeated.");
    }

    /// <summary>The step a workflow failed at (the failed task's name, when a task failed) and the innermost cause's message.</summary>
    public static (string? Step, string? Cause) DescribeFailure(WorkflowFailureDetails? failure)
    {
        var cause = failure;
        while (cause?.InnerFailure is not null)
        {
            cause = cause.InnerFailure;
        }

        var step = failure is null ? null : FailedTask().Match(failure.ErrorMessage) is { Success: true } match ? match.Groups[1].Value : null;
        return (step, cause?.ErrorMessage);
    }

    private int RetryTimeoutSeconds()
    {
        var settings = options.Value;
        var jitter = 1 + (settings.RetryJitter * ((Random.Shared.NextDouble() * 2) - 1));
        return Math.Max(1, (int)Math.Round(settings.RetryTimeout.TotalSeconds * jitter, MidpointRounding.AwayFromZero));
    }

    private async Task<string> StartAsync(IWorkflowClient workflows, string workflowInstanceId, ApsOperationRequest operation, CancellationToken cancellationToken)
    {
        var started = await workflows.StartWorkflowAsync(operation.WorkflowName, operation.Input, new WorkflowStartOptions(workflowInstanceId), cancellationToken).ConfigureAwait(false);
        LogStarted(operation.Kind, operation.ResourceId, operation.WorkflowName, started);
        return started;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started the {Kind} of APS resource {ResourceId}: workflow {WorkflowName}, instance {WorkflowInstanceId}.")]
    private partial void LogStarted(string kind, string resourceId, string workflowName, string workflowInstanceId);

    // Both engines name the failed task this way: "Task '<name>' (#<id>) failed...".
    [System.Text.RegularExpressions.GeneratedRegex("^Task '([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex FailedTask();

    /// <summary>A 202 with the APS phase headers and no body.</summary>
    private sealed class ApsAcceptedResult(int retrySeconds, string info) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status202Accepted;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status202Accepted;
            httpContext.Response.Headers[ApsHeaders.RetryTimeout] = retrySeconds.ToString(CultureInfo.InvariantCulture);
            httpContext.Response.Headers[ApsHeaders.Info] = info;
            return Task.CompletedTask;
        }
    }
}
