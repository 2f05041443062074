using Microsoft.Extensions.Logging;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Webhooks;
using O365Functions.Core.Workflows;

namespace O365Functions.Api.Webhooks;

/// <summary>
/// What a verified Partner Center event sets going, so the callback is acknowledged at once and the work is done in a
/// workflow. Dispatching is idempotent (a workflow id per event; events raised again are looked at again), so a
/// redelivered event may be dispatched again without being processed twice.
/// </summary>
public sealed partial class PartnerCenterEventDispatch(ILogger<PartnerCenterEventDispatch> logger)
{
    /// <summary>The event Partner Center sends when a customer accepts the reseller relationship.</summary>
    public const string RelationshipAccepted = "reseller-relationship-accepted-by-customer";

    /// <summary>The event Partner Center sends when a subscription changes.</summary>
    public const string SubscriptionUpdated = "subscription-updated";

    /// <summary>
    /// The event for an approved GDAP relationship. UNCERTAIN: the name is taken from Partner Center's newer event list;
    /// the wait for approval also polls, so a different name only delays the workflow to its next look.
    /// </summary>
    public const string AdminRelationshipApproved = "granular-admin-relationship-approved";

    /// <summary>The workflow that processes an event of <paramref name="eventName"/>, or null for events that wake waiting provisionings.</summary>
    public static string? WorkflowInstanceIdOf(string eventName, string eventId) =>
        eventName == SubscriptionUpdated ? $"webhook_{eventId[..40]}" : null;

    /// <summary>Starts or wakes what <paramref name="received"/> calls for.</summary>
    public async Task DispatchAsync(PartnerCenterWebhookEvent received, string eventId, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(workflows);
        switch (received.EventName)
        {
            case SubscriptionUpdated:
                var id = await workflows.StartWorkflowAsync(
                    SubscriptionUpdateWorkflow.Name, received.ResourceUri, new WorkflowStartOptions(WorkflowInstanceIdOf(received.EventName, eventId)!), cancellationToken).ConfigureAwait(false);
                LogStarted(received.EventName, id);
                break;
            case RelationshipAccepted:
                await WakeAsync(workflows, ProvisionTenantWorkflow.RelationshipAccepted, received, cancellationToken).ConfigureAwait(false);
                break;
            case AdminRelationshipApproved:
                await WakeAsync(workflows, ProvisionTenantWorkflow.AdminAccessApproved, received, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Wakes every running tenant provisioning: each one waiting looks at once whether its organization is the one the
    /// event is about (a read), instead of at its next poll; the others keep the event unread.
    /// </summary>
    private async Task WakeAsync(IWorkflowClient workflows, string eventName, PartnerCenterWebhookEvent received, CancellationToken cancellationToken)
    {
        var woken = 0;
        await foreach (var instance in workflows.GetAllInstancesAsync(new WorkflowQuery([WorkflowRuntimeStatus.Running]), cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(instance.Name, ProvisionTenantWorkflow.Name, StringComparison.OrdinalIgnoreCase))
            {
                await workflows.RaiseEventAsync(instance.InstanceId, eventName, received.ResourceUri, cancellationToken).ConfigureAwait(false);
                woken++;
            }
        }

        LogWoken(received.EventName, woken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner Center event {EventName} is processed by workflow {WorkflowInstanceId}.")]
    private partial void LogStarted(string eventName, string workflowInstanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner Center event {EventName} woke {Count} waiting tenant provisioning(s).")]
    private partial void LogWoken(string eventName, int count);
}
