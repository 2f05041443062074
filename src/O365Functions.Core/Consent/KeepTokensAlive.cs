using Microsoft.Extensions.Logging;
using O365Functions.Core.Jobs;

namespace O365Functions.Core.Consent;

/// <summary>
/// Keeps every instance's refresh token alive: Entra lets a refresh token die after 90 days unused, and a partner
/// whose gateway was quiet that long would have to consent again. Once a day (by default) each authenticated
/// instance gets one <see cref="VerifyConsentWorkflow"/>, whose exchange rotates the token and records the outcome.
/// An instance whose consent is gone (<c>consentRequired</c>) is left alone until a new token or consent arrives, so
/// a refusal is reported once and never retried in a loop. Workflow ids carry the day, so a timer that fires twice
/// starts one exchange.
/// </summary>
public static partial class KeepTokensAlive
{
    /// <summary>The job's name.</summary>
    public const string Name = "KeepTokensAlive";

    /// <summary>The setting with the job's schedule.</summary>
    public const string ScheduleSetting = "TokenKeepAliveSchedule";

    /// <summary>Daily at 04:00 UTC.</summary>
    public const string DefaultSchedule = "0 0 4 * * *";

    /// <summary>The workflow id of an instance's keep-alive on a day.</summary>
    public static string WorkflowInstanceId(string instanceId, DateTimeOffset day) => $"keepalive_{instanceId}_{day.UtcDateTime:yyyyMMdd}";

    /// <summary>Starts the day's exchange for every authenticated instance.</summary>
    public static async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var run = await AuthenticatedInstances.StartDailyAsync(context, VerifyConsentWorkflow.Name, WorkflowInstanceId, cancellationToken).ConfigureAwait(false);
        var logger = context.Logger(typeof(KeepTokensAlive));
        LogRun(logger, run.Started, run.AlreadyToday, run.Waiting);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token keep-alive: {Started} exchanges started, {AlreadyToday} already made today; {Waiting} instances wait for a token or a new consent.")]
    private static partial void LogRun(ILogger logger, int started, int alreadyToday, int waiting);
}
