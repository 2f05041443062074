using Microsoft.Extensions.Logging;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>
/// Ends the tenant's limits-changed event subscription when the tenant is removed. Deleting an event subscription is
/// not confirmed in Commerce's public documentation, so a refusal is logged and ignored.
/// </summary>
public sealed partial class UnsubscribeFromLimitChanges(CommerceController commerce, ILogger<UnsubscribeFromLimitChanges> logger)
    : Activity<UnsubscribeFromLimitChanges, SeatLimitsStep, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(SeatLimitsStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tenant = input.Tenant;
        if (tenant.LimitsEventSubscriptionId is not { } subscription)
        {
            return false;
        }

        try
        {
            await commerce.UnsubscribeAsync(tenant.InstanceId, tenant.ApsId, subscription, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApsControllerException refused) when (refused.Status is not null)
        {
            LogRefused(tenant.ApsId, refused.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The limits-changed subscription of removed tenant {TenantApsId} was not deleted: {Reason}")]
    private partial void LogRefused(string tenantApsId, string reason);
}
