namespace O365Functions.Core.Jobs;

/// <summary>Resolves what a job needs without Core depending on a container.</summary>
internal static class ServiceProviderExtensions
{
    public static T Required<T>(this IServiceProvider services)
        where T : class =>
        services.GetService(typeof(T)) as T
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered; the host's wiring must add it before gateway jobs run.");
}
