using Microsoft.Extensions.Logging;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Core.Consent;

/// <summary>
/// Proves a newly stored refresh token: one exchange with Microsoft, then the instance's token record says
/// <c>authenticated</c> or <c>consentRequired</c>. Transient failures (Entra down, a lost connection) are retried by
/// the activity's policy; a refusal is an answer, not a failure, and is never retried.
/// </summary>
public static partial class VerifyConsentWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "VerifyConsent";

    /// <summary>The activity that exchanges the token and records the outcome.</summary>
    public const string ExchangeActivity = "ExchangeRefreshToken";

    private static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(4, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(1)));

    /// <summary>The workflow: input is the instance id, output the recorded <see cref="ConsentCheck"/>.</summary>
    public static async Task<ConsentCheck> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = context.GetInput<string>() ?? throw new InvalidOperationException($"{Name} needs the instance id as its input.");
        context.SetCustomStatus(new WorkflowProgress("Exchanging the refresh token with Microsoft", 0, 1));
        var check = await context.CallActivityAsync<ConsentCheck>(ExchangeActivity, instanceId, Retry);
        if (check.Status == ConsentStatus.Authenticated)
        {
            try
            {
                // Once authenticated, Partner Center may call back; a failure here leaves the consent as it is.
                await context.CallActivityAsync<string>(Webhooks.WebhookRegistrations.ActivityName, instanceId, Retry);
            }
            catch (WorkflowTaskFailedException)
            {
                // The next consent check (the daily keep-alive) registers it.
            }
        }

        return check;
    }

    /// <summary>
    /// The activity: exchange once, then record the outcome in the instance's token record. Losing the consent is
    /// alerted once, when the status turns <c>consentRequired</c>; the keep-alive then leaves the instance alone.
    /// </summary>
    public static async Task<ConsentCheck> ExchangeAsync(
        IConsentExchange exchange, GatewayRecords records, TimeProvider time, ILogger logger, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(time);
        var check = await exchange.ExchangeAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var previous = await ConsentRecords.RecordAsync(records, instanceId, check, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (check.Status == ConsentStatus.ConsentRequired && previous != ConsentStatus.ConsentRequired)
        {
            LogConsentLost(logger, instanceId, check.Detail);
        }

        return check;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT consent lost for application instance {InstanceId}: {Detail} A partner admin must consent again (POST /aps/app/{{id}}/authenticate, or refreshToken); until then no token exchange is tried.")]
    private static partial void LogConsentLost(ILogger logger, string instanceId, string detail);
}
