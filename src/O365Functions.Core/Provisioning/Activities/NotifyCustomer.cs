using O365Functions.Core.Callbacks;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Shows, updates or clears a notice to the tenant's customer in Commerce; answers whether it reached the controller.</summary>
public sealed class NotifyCustomer(CommerceNotifications notifications) : Activity<NotifyCustomer, CustomerNoticeStep, bool>
{
    /// <summary>The notice asking an existing organization's admin to accept the reseller relationship.</summary>
    public const string Relationship = "relationship";

    /// <summary>The notice asking the organization's admin to approve admin access (GDAP).</summary>
    public const string AdminAccess = "admin-access";

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(CustomerNoticeStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var operation = input.Operation;
        if (input.Message is null)
        {
            await notifications.ClearCustomerAsync(operation.InstanceId, operation.TenantApsId, input.Topic, cancellationToken).ConfigureAwait(false);
            return true;
        }

        return input.AccountApsId is not null
            && await notifications.NotifyCustomerAsync(operation.InstanceId, operation.TenantApsId, input.AccountApsId, input.Topic, input.Message, input.Details ?? string.Empty, cancellationToken)
                .ConfigureAwait(false);
    }
}
