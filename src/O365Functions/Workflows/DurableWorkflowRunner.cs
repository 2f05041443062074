using System.Runtime.ExceptionServices;
using Microsoft.DurableTask;
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
        try
        {
            return await workflow(new DurableWorkflowContext(context));
        }
        catch (WorkflowTaskFailedException failure) when (failure.InnerException is TaskFailedException durable)
        {
            ExceptionDispatchInfo.Throw(durable);
            throw;
        }
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
