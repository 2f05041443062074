using Microsoft.Extensions.Logging;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Consent;

/// <summary>
/// Exchanges an instance's refresh token once, then records the outcome in its token record. Losing the consent is
/// alerted once, when the status turns <c>consentRequired</c>, in the log and in the provider's Commerce panel; the
/// keep-alive then leaves the instance alone.
/// </summary>
public sealed partial class ExchangeRefreshToken(
    IConsentExchange exchange, GatewayRecords records, TimeProvider time, Callbacks.CommerceNotifications notifications, ILogger<ExchangeRefreshToken> logger)
    : Activity<ExchangeRefreshToken, string, ConsentCheck>
{
    /// <inheritdoc/>
    public override async Task<ConsentCheck> RunAsync(string input, CancellationToken cancellationToken)
    {
        var check = await exchange.ExchangeAsync(input, cancellationToken).ConfigureAwait(false);
        var previous = await ConsentRecords.RecordAsync(records, input, check, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (check.Status == ConsentStatus.ConsentRequired && previous != ConsentStatus.ConsentRequired)
        {
            LogConsentLost(input, check.Detail);
            await notifications.AlertOperatorAsync(input, "error",
                $"Microsoft 365 instance {input} lost the partner's consent: {check.Detail} A partner admin must consent again (the instance's authenticate operation).", cancellationToken).ConfigureAwait(false);
        }

        return check;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT consent lost for application instance {InstanceId}: {Detail} A partner admin must consent again (POST /aps/app/{{id}}/authenticate, or refreshToken); until then no token exchange is tried.")]
    private partial void LogConsentLost(string instanceId, string detail);
}
