using Microsoft.Extensions.Logging;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>
/// Subscribes the tenant to its Commerce subscription's limits-changed event, once: a tenant that holds a subscription
/// id keeps it. A refusal is logged and the tenant provisioned without it (a configure still brings the seats to the
/// limits), so it answers null.
/// </summary>
public sealed partial class SubscribeToLimitChanges(CommerceController commerce, ILogger<SubscribeToLimitChanges> logger)
    : Activity<SubscribeToLimitChanges, SeatLimitsStep, string?>
{
    /// <inheritdoc/>
    public override async Task<string?> RunAsync(SeatLimitsStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tenant = input.Tenant;
        if (tenant.LimitsEventSubscriptionId is not null || tenant.SubscriptionApsId is null)
        {
            return tenant.LimitsEventSubscriptionId;
        }

        try
        {
            return await commerce.SubscribeToLimitChangesAsync(tenant.InstanceId, tenant.ApsId, tenant.SubscriptionApsId, cancellationToken).ConfigureAwait(false);
        }
        catch (ApsControllerException refused) when (refused.Status is not null)
        {
            LogRefused(tenant.ApsId, refused.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantApsId} is not subscribed to its limit changes: {Reason} Configure the tenant after each change order.")]
    private partial void LogRefused(string tenantApsId, string reason);
}
