namespace O365Functions.Core.Workflows.Activities;

/// <summary>
/// An activity as a workflow calls it: the name both engines know it by, typed by its input and output so that the
/// compiler checks every call. Each activity class has one, <see cref="Activity{TActivity, TInput, TOutput}.Ref"/>.
/// </summary>
/// <typeparam name="TInput">What the workflow hands the activity (serialized into the workflow's history).</typeparam>
/// <typeparam name="TOutput">What the activity answers (serialized into the workflow's history).</typeparam>
public sealed class ActivityRef<TInput, TOutput> : IActivityDefinition
{
    private readonly Func<IServiceProvider, TInput, CancellationToken, Task<TOutput>> _invoke;

    internal ActivityRef(Type implementation, Func<IServiceProvider, TInput, CancellationToken, Task<TOutput>> invoke)
    {
        Implementation = implementation;
        _invoke = invoke;
    }

    /// <inheritdoc/>
    public string Name => Implementation.Name;

    /// <inheritdoc/>
    public Type Implementation { get; }

    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <inheritdoc/>
    public void Register(IWorkflowRegistrar registrar, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        ArgumentNullException.ThrowIfNull(services);
        registrar.AddActivity<TInput, TOutput>(Name, (input, cancellationToken) => _invoke(services, input, cancellationToken));
    }
}
