using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning;

/// <summary>
/// How the gateway's workflows run steps Microsoft may refuse: the workflow side turns a refusal into its end, the
/// activity side runs the step under the operation's log scope and logs how it ended.
/// </summary>
public static partial class RefusableSteps
{
    /// <summary>Runs an activity that may be refused; a refusal ends the workflow with <paramref name="step"/> named.</summary>
    public static async Task<T> CallRequiredAsync<TInput, T>(this IWorkflowContext context, ActivityRef<TInput, StepOutcome<T>> activity, TInput input, string step, WorkflowTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await context.CallAsync(activity, input, options);
        return outcome.Refusal is { } refusal ? throw new CommerceRefusedException(step, refusal) : outcome.Value!;
    }

    /// <summary>Runs a step under the operation's scope (instance, tenant, workflow, step, correlation id) and logs how it ended.</summary>
    public static async Task<StepOutcome<T>> ReportedAsync<T>(ILogger logger, TenantOperation operation, string step, Func<CommerceCall, Task<StepOutcome<T>>> run)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(run);
        var call = operation.Call(step);
        using var scope = BeginScope(logger, operation, call);
        var outcome = await run(call).ConfigureAwait(false);
        if (outcome.Refusal is { } refusal)
        {
            LogRefused(logger, call.Step, refusal.Code, refusal.Message);
        }
        else
        {
            LogDone(logger, call.Step);
        }

        return outcome;
    }

    /// <summary>The scope every line of a step is logged under.</summary>
    public static IDisposable? BeginScope(ILogger logger, TenantOperation operation, CommerceCall call)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(call);
        return logger.BeginScope(new Dictionary<string, object>
        {
            ["ApsInstanceId"] = operation.InstanceId,
            ["ApsResourceId"] = operation.TenantApsId,
            ["WorkflowInstanceId"] = operation.OperationId,
            ["WorkflowStep"] = call.Step,
            ["MsCorrelationId"] = call.CorrelationId,
        });
    }

    /// <summary>Logs Microsoft's refusal of a step.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft refused step {Step} with {Code}: {Reason}")]
    public static partial void LogRefused(ILogger logger, string step, string code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Step {Step} done.")]
    private static partial void LogDone(ILogger logger, string step);
}
