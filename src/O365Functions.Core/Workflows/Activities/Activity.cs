using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace O365Functions.Core.Workflows.Activities;

/// <summary>
/// A step of a workflow that reaches the outside world. The class is the whole activity: its constructor names what it
/// needs from the host's services, <see cref="RunAsync"/> is what it does, and <see cref="Ref"/> is how workflows
/// call it. Both hosts find every activity class of the gateway and register it (<see cref="ActivityCatalog"/>), so an
/// activity is one file plus its use in a workflow. Activities run at least once: look for the effect before acting.
/// </summary>
/// <typeparam name="TActivity">The activity class itself.</typeparam>
/// <typeparam name="TInput">Its input.</typeparam>
/// <typeparam name="TOutput">Its output.</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Ref and InvokeAsync are the typed handle of each activity class; they belong to it.")]
public abstract class Activity<TActivity, TInput, TOutput>
    where TActivity : Activity<TActivity, TInput, TOutput>
{
    private static readonly ObjectFactory<TActivity> Factory = ActivatorUtilities.CreateFactory<TActivity>([]);

    /// <summary>The activity as workflows call it and hosts register it.</summary>
    public static ActivityRef<TInput, TOutput> Ref { get; } = new(typeof(TActivity), InvokeAsync);

    /// <summary>Creates the activity from <paramref name="services"/> and runs it once: what an engine's worker does.</summary>
    public static Task<TOutput> InvokeAsync(IServiceProvider services, TInput input, CancellationToken cancellationToken) =>
        Factory(services, null).RunAsync(input, cancellationToken);

    /// <summary>Does the step.</summary>
    public abstract Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
