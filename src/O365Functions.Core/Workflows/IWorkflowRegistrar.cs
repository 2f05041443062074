namespace O365Functions.Core.Workflows;

/// <summary>
/// Where workflows and activities are registered by name. The embedded runtime's registry implements it, and so does
/// the adapter onto Durable Task's registry, so one registration serves every engine. Names are case-insensitive,
/// as Azure Functions' are.
/// </summary>
public interface IWorkflowRegistrar
{
    /// <summary>Registers a workflow that returns an output.</summary>
    IWorkflowRegistrar AddWorkflow<TOutput>(string name, Func<IWorkflowContext, Task<TOutput>> workflow);

    /// <summary>Registers a workflow without an output.</summary>
    IWorkflowRegistrar AddWorkflow(string name, Func<IWorkflowContext, Task> workflow);

    /// <summary>Registers an activity. Activities run at least once; make their side effects idempotent.</summary>
    IWorkflowRegistrar AddActivity<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> activity);

    /// <summary>Registers an activity without a result.</summary>
    IWorkflowRegistrar AddActivity<TInput>(string name, Func<TInput, CancellationToken, Task> activity);
}
