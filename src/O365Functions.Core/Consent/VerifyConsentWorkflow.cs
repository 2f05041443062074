using O365Functions.Core.Webhooks;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Consent;

/// <summary>
/// Proves a newly stored refresh token: one exchange with Microsoft, then the instance's token record says
/// <c>authenticated</c> or <c>consentRequired</c>. Transient failures (Entra down, a lost connection) are retried by
/// the activity's policy; a refusal is an answer, not a failure, and is never retried.
/// </summary>
public static class VerifyConsentWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "VerifyConsent";

    private static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(4, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(1)));

    /// <summary>The workflow: input is the instance id, output the recorded <see cref="ConsentCheck"/>.</summary>
    public static async Task<ConsentCheck> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = context.GetInput<string>() ?? throw new InvalidOperationException($"{Name} needs the instance id as its input.");
        context.SetCustomStatus(new WorkflowProgress("Exchanging the refresh token with Microsoft", 0, 1));
        var check = await context.CallAsync(ExchangeRefreshToken.Ref, instanceId, Retry);
        if (check.Status == ConsentStatus.Authenticated)
        {
            try
            {
                // Once authenticated, Partner Center may call back; a failure here leaves the consent as it is.
                await context.CallAsync(RegisterWebhook.Ref, instanceId, Retry);
            }
            catch (WorkflowTaskFailedException)
            {
                // The next consent check (the daily keep-alive) registers it.
            }
        }

        return check;
    }
}
