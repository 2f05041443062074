using System.Runtime.ExceptionServices;
using Microsoft.DurableTask;
using O365Functions.Core.Telemetry;
using O365Functions.Core.Workflows;

namespace O365Functions.FunctionApp.Workflows;

/// <summary>
/// Runs a workflow on Durable Task over a <see cref="DurableWorkflowContext"/>. A task failure the workflow lets
/// escape is handed back to Durable as its own <see cref="TaskFailedException"/>, the one exception whose cause Durable
/// records (an exception of another type keeps only its own chain). <see cref="DurableTranslation"/> reads it back as
/// <see cref="WorkflowTaskFailedException"/>, so a failed workflow's details carry the task's cause on both engines.
/// </summary>
public static class DurableWorkflowRunner
{
    /// <summary>Runs <paramref name="workflow"/> in <paramref name="context"/>.</summary>
    public static async Task<TOutput> RunAsync<TOutput>(TaskOrchestrationContext context, Func<IWorkflowContext, Task<TOutput>> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        // Counted once, by the replay that reaches the end: every earlier replay ran the same code to the same point.
        var name = new KeyValuePair<string, object?>(GatewayTelemetry.Tags.WorkflowName, context.Name.Name);
        try
        {
            var output = await workflow(new DurableWorkflowContext(context));
            if (!context.IsReplaying)
            {
                GatewayTelemetry.WorkflowsCompleted.Add(1, name);
            }

            return output;
        }
        catch (Exception) when (CountFailure(context, name))
        {
            throw; // Never reached: the filter counts and lets the exception pass on.
        }
        catch (WorkflowTaskFailedException failure) when (failure.InnerException is TaskFailedException durable)
        {
            ExceptionDispatchInfo.Throw(durable);
            throw;
        }
    }

    private static bool CountFailure(TaskOrchestrationContext context, KeyValuePair<string, object?> name)
    {
        if (!context.IsReplaying)
        {
            GatewayTelemetry.WorkflowsFailed.Add(1, name);
        }

        return false;
    }

    /// <summary>Runs <paramref name="workflow"/>, which has no output, in <paramref name="context"/>.</summary>
    public static Task<object?> RunAsync(TaskOrchestrationContext context, Func<IWorkflowContext, Task> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return RunAsync<object?>(context, async workflowContext =>
        {
            await workflow(workflowContext);
            return null;
        });
    }
}
