using Microsoft.DurableTask;
using O365Functions.Core.Workflows;

namespace O365Functions.FunctionApp.Workflows;

/// <summary>
/// <see cref="IWorkflowRegistrar"/> onto Durable Task's <see cref="DurableTaskRegistry"/>: each workflow runs over a
/// <see cref="DurableWorkflowContext"/>, each activity receives its typed input. Names registered here are the names
/// a <see cref="DurableWorkflowClient"/> accepts (<see cref="WorkflowNames"/>).
/// </summary>
public sealed class DurableWorkflowRegistrar(DurableTaskRegistry registry) : IWorkflowRegistrar
{
    private readonly HashSet<string> _workflowNames = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The workflows registered so far.</summary>
    public IReadOnlyCollection<string> WorkflowNames => _workflowNames;

    /// <inheritdoc />
    public IWorkflowRegistrar AddWorkflow<TOutput>(string name, Func<IWorkflowContext, Task<TOutput>> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        Remember(name);
        registry.AddOrchestratorFunc<object?, TOutput>(name, (context, _) => DurableWorkflowRunner.RunAsync(context, workflow));
        return this;
    }

    /// <inheritdoc />
    public IWorkflowRegistrar AddWorkflow(string name, Func<IWorkflowContext, Task> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        Remember(name);
        registry.AddOrchestratorFunc<object?, object?>(name, (context, _) => DurableWorkflowRunner.RunAsync(context, workflow));
        return this;
    }

    /// <inheritdoc />
    public IWorkflowRegistrar AddActivity<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        registry.AddActivityFunc<TInput, TOutput>(name, (_, input) => activity(input, CancellationToken.None));
        return this;
    }

    /// <inheritdoc />
    public IWorkflowRegistrar AddActivity<TInput>(string name, Func<TInput, CancellationToken, Task> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        registry.AddActivityFunc<TInput>(name, (_, input) => activity(input, CancellationToken.None));
        return this;
    }

    private void Remember(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_workflowNames.Add(name))
        {
            throw new ArgumentException($"A workflow named '{name}' is already registered.", nameof(name));
        }
    }
}
