using O365Functions.Core.Callbacks;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Raises an alert in the provider's Commerce panel; answers whether it reached the controller.</summary>
public sealed class AlertOperator(CommerceNotifications notifications) : Activity<AlertOperator, OperatorAlertStep, bool>
{
    /// <inheritdoc/>
    public override Task<bool> RunAsync(OperatorAlertStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return notifications.AlertOperatorAsync(input.Operation.InstanceId, input.Level, input.Message, cancellationToken);
    }
}
