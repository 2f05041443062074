using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Webhooks;

/// <summary>
/// Partner Center's <c>subscription-updated</c>: reads the subscription again and brings the tenant's record to it
/// (seats, status), for the tenant of the instance that bought the customer. A subscription of a customer the gateway
/// does not hold is left alone.
/// </summary>
public static class SubscriptionUpdateWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "ProcessSubscriptionUpdate";

    private static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(5, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(5)));

    /// <summary>The workflow: input is the event's resource URI, output what was done, in words.</summary>
    public static Task<string> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resource = context.GetInput<string>() ?? throw new InvalidOperationException($"{Name} needs the event's resource URI.");
        return context.CallAsync(RefreshSubscription.Ref, resource, Retry);
    }
}
