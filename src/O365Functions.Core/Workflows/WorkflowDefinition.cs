using System.Reflection;

namespace O365Functions.Core.Workflows;

/// <summary>A workflow as hosts register it: its name, its output type, and the function that runs it.</summary>
public abstract class WorkflowDefinition
{
    private protected WorkflowDefinition(string name, MethodInfo method)
    {
        Name = name;
        Method = method;
    }

    /// <summary>The workflow's name on both engines.</summary>
    public string Name { get; }

    /// <summary>The static method that runs the workflow (what the Functions app's orchestration trigger calls).</summary>
    public MethodInfo Method { get; }

    /// <summary>The workflow's output type.</summary>
    public abstract Type OutputType { get; }

    /// <summary>The workflow <paramref name="run"/>, named <paramref name="name"/>.</summary>
    public static WorkflowDefinition Of<TOutput>(string name, Func<IWorkflowContext, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new Typed<TOutput>(name, run);
    }

    /// <summary>Registers the workflow with an engine.</summary>
    public abstract void Register(IWorkflowRegistrar registrar);

    private sealed class Typed<TOutput>(string name, Func<IWorkflowContext, Task<TOutput>> run) : WorkflowDefinition(name, run.Method)
    {
        public override Type OutputType => typeof(TOutput);

        public override void Register(IWorkflowRegistrar registrar)
        {
            ArgumentNullException.ThrowIfNull(registrar);
            registrar.AddWorkflow(Name, run);
        }
    }
}
