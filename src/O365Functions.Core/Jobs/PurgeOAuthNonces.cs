using Microsoft.Extensions.Logging;
using O365Functions.Core.Security;

namespace O365Functions.Core.Jobs;

/// <summary>Deletes OAuth nonces past their retention, so the nonce table holds about a day of requests, not all of them.</summary>
public static partial class PurgeOAuthNonces
{
    /// <summary>The job's name.</summary>
    public const string Name = "PurgeOAuthNonces";

    /// <summary>The setting with the job's schedule.</summary>
    public const string ScheduleSetting = "ApsNoncePurgeSchedule";

    /// <summary>Hourly, at a quarter past.</summary>
    public const string DefaultSchedule = "0 15 * * * *";

    /// <summary>Purges through the registered <see cref="OAuthNonceLedger"/>.</summary>
    public static async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deleted = await context.Services.Required<OAuthNonceLedger>().PurgeAsync(context.UtcNow, cancellationToken).ConfigureAwait(false);
        var logger = context.Logger(typeof(PurgeOAuthNonces));
        LogPurged(logger, deleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} OAuth nonces past their retention.")]
    private static partial void LogPurged(ILogger logger, int count);
}
