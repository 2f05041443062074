using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using O365Functions.Core.Consent;
using O365Functions.Core.Jobs;

namespace O365Functions.FunctionApp.Workflows;

/// <summary>
/// The workflows and activities of <see cref="GatewayJobs"/> as Durable functions: each function is named after its
/// entry and calls it, so the Functions app runs the code the local gateway runs.
/// </summary>
public sealed class GatewayWorkflowFunctions(IServiceProvider services)
{
    /// <summary>Runs <see cref="VerifyConsentWorkflow"/>.</summary>
    [Function(VerifyConsentWorkflow.Name)]
    public static Task<ConsentCheck> VerifyConsent([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflowRunner.RunAsync(context, VerifyConsentWorkflow.RunAsync);

    /// <summary>Runs <see cref="GatewayJobs.ExchangeRefreshToken"/>.</summary>
    [Function(VerifyConsentWorkflow.ExchangeActivity)]
    public Task<ConsentCheck> ExchangeRefreshToken([ActivityTrigger] string instanceId, FunctionContext context) =>
        GatewayJobs.ExchangeRefreshToken.Run(services, instanceId, context.CancellationToken);
}
