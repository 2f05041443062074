namespace O365Functions.Core.Jobs;

/// <summary>
/// An activity with what it needs from the host's services. The local gateway registers it with its runtime; the
/// Functions app's activity function of the same name calls <see cref="Run"/>.
/// </summary>
/// <param name="Name">The activity's name, and the Functions app's function name.</param>
/// <param name="Run">The activity, given the host's services, its input and a cancellation token.</param>
public sealed record ActivityJob<TInput, TOutput>(string Name, Func<IServiceProvider, TInput, CancellationToken, Task<TOutput>> Run);
