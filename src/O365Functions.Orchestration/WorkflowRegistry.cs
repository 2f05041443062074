using O365Functions.Core.Workflows;

namespace O365Functions.Orchestration;

/// <summary>
/// The workflows and activities the embedded runtime can run, by name. Names are case-insensitive, as Azure
/// Functions' are, so the same names serve both hosts. Inputs and outputs travel as JSON (<see cref="WorkflowJson"/>).
/// </summary>
public sealed class WorkflowRegistry : IWorkflowRegistrar
{
    private readonly Dictionary<string, Func<IWorkflowContext, Task<string?>>> _workflows = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<string?, CancellationToken, Task<string?>>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered workflow names.</summary>
    public IReadOnlyCollection<string> WorkflowNames => _workflows.Keys;

    /// <summary>Registers a workflow that returns an output.</summary>
    public WorkflowRegistry AddWorkflow<TOutput>(string name, Func<IWorkflowContext, Task<TOutput>> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return AddWorkflowCore(name, async context => WorkflowJson.Serialize(await workflow(context)));
    }

    /// <summary>Registers a workflow without an output.</summary>
    public WorkflowRegistry AddWorkflow(string name, Func<IWorkflowContext, Task> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return AddWorkflowCore(name, async context =>
        {
            await workflow(context);
            return null;
        });
    }

    /// <summary>Registers an activity. Activities run at least once; make their side effects idempotent.</summary>
    public WorkflowRegistry AddActivity<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> activity)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(activity);
        if (!_activities.TryAdd(name, async (input, cancellationToken) =>
                WorkflowJson.Serialize(await activity(WorkflowJson.Deserialize<TInput>(input)!, cancellationToken).ConfigureAwait(false))))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an activity without a result.</summary>
    public WorkflowRegistry AddActivity<TInput>(string name, Func<TInput, CancellationToken, Task> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivity<TInput, object?>(name, async (input, cancellationToken) =>
        {
            await activity(input, cancellationToken).ConfigureAwait(false);
            return null;
        });
    }

    IWorkflowRegistrar IWorkflowRegistrar.AddWorkflow<TOutput>(string name, Func<IWorkflowContext, Task<TOutput>> workflow) => AddWorkflow(name, workflow);

    IWorkflowRegistrar IWorkflowRegistrar.AddWorkflow(string name, Func<IWorkflowContext, Task> workflow) => AddWorkflow(name, workflow);

    IWorkflowRegistrar IWorkflowRegistrar.AddActivity<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> activity) => AddActivity(name, activity);

    IWorkflowRegistrar IWorkflowRegistrar.AddActivity<TInput>(string name, Func<TInput, CancellationToken, Task> activity) => AddActivity(name, activity);

    internal Func<IWorkflowContext, Task<string?>>? FindWorkflow(string name) => _workflows.GetValueOrDefault(name);

    internal Func<string?, CancellationToken, Task<string?>>? FindActivity(string name) => _activities.GetValueOrDefault(name);

    private WorkflowRegistry AddWorkflowCore(string name, Func<IWorkflowContext, Task<string?>> workflow)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_workflows.TryAdd(name, workflow))
        {
            throw new ArgumentException($"A workflow named '{name}' is already registered.", nameof(name));
        }

        return this;
    }
}
