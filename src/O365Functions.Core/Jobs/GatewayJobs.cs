using O365Functions.Core.Consent;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Maintenance;

namespace O365Functions.Core.Jobs;

/// <summary>
/// The one list of what the gateway runs besides HTTP requests: workflows, their activities, and timers. The local
/// gateway registers each entry with its embedded runtime and scheduler; the Functions app has one function per entry
/// whose body calls the entry, and a test holds the two to this list.
/// </summary>
public static class GatewayJobs
{
    /// <summary>Exchanges an instance's refresh token once and records the outcome (<see cref="VerifyConsentWorkflow"/>).</summary>
    public static ActivityJob<string, ConsentCheck> ExchangeRefreshToken { get; } = new(
        VerifyConsentWorkflow.ExchangeActivity,
        (services, instanceId, ct) => VerifyConsentWorkflow.ExchangeAsync(
            services.Required<IConsentExchange>(), services.Required<GatewayRecords>(), services.Required<TimeProvider>(), instanceId, ct));

    /// <summary>Registers the gateway's workflows, and its activities over <paramref name="services"/>, with an engine.</summary>
    public static void RegisterWorkflows(IWorkflowRegistrar registrar, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        ArgumentNullException.ThrowIfNull(services);
        registrar.AddWorkflow<ConsentCheck>(VerifyConsentWorkflow.Name, VerifyConsentWorkflow.RunAsync);
        Add(registrar, services, ExchangeRefreshToken);
    }

    /// <summary>The names <see cref="RegisterWorkflows"/> registers as workflows.</summary>
    public static IReadOnlyCollection<string> WorkflowNames { get; } = [VerifyConsentWorkflow.Name];

    /// <summary>The names <see cref="RegisterWorkflows"/> registers as activities.</summary>
    public static IReadOnlyCollection<string> ActivityNames { get; } = [ExchangeRefreshToken.Name];

    /// <summary>Scheduled jobs, by name.</summary>
    public static IReadOnlyList<TimerJob> Timers { get; } =
    [
        new(PurgeFinishedWorkflows.Name, PurgeFinishedWorkflows.ScheduleSetting, PurgeFinishedWorkflows.DefaultSchedule, PurgeFinishedWorkflows.RunAsync),
        new(PurgeOAuthNonces.Name, PurgeOAuthNonces.ScheduleSetting, PurgeOAuthNonces.DefaultSchedule, PurgeOAuthNonces.RunAsync),
        new(KeepTokensAlive.Name, KeepTokensAlive.ScheduleSetting, KeepTokensAlive.DefaultSchedule, KeepTokensAlive.RunAsync),
    ];

    /// <summary>Finds a timer job by name (case-insensitive, as Functions names are).</summary>
    public static TimerJob Timer(string name) =>
        Timers.FirstOrDefault(job => string.Equals(job.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No timer job is named '{name}'. Known: {string.Join(", ", Timers.Select(job => job.Name))}.", nameof(name));

    private static void Add<TInput, TOutput>(IWorkflowRegistrar registrar, IServiceProvider services, ActivityJob<TInput, TOutput> job) =>
        registrar.AddActivity<TInput, TOutput>(job.Name, (input, ct) => job.Run(services, input, ct));
}
