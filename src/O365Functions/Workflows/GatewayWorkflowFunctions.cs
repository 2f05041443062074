using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using O365Functions.Core.Catalog.Sync;
using O365Functions.Core.Consent;
using O365Functions.Core.Directory;
using O365Functions.Core.Jobs;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.Webhooks;
using O365Functions.Core.State.Records;

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

    /// <summary>Runs <see cref="ProvisionTenantWorkflow"/>.</summary>
    [Function(ProvisionTenantWorkflow.Name)]
    public static Task<TenantRecord> ProvisionTenant([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflowRunner.RunAsync(context, ProvisionTenantWorkflow.RunAsync);

    /// <summary>Runs <see cref="ChangeTenantWorkflow"/>.</summary>
    [Function(ChangeTenantWorkflow.Name)]
    public static Task<TenantRecord> ChangeTenant([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflowRunner.RunAsync(context, ChangeTenantWorkflow.RunAsync);

    /// <summary>Runs <see cref="ManageUserWorkflow"/>.</summary>
    [Function(ManageUserWorkflow.Name)]
    public static Task<UserRecord> ManageUser([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflowRunner.RunAsync(context, ManageUserWorkflow.RunAsync);

    /// <summary>Runs <see cref="ManageDomainWorkflow"/>.</summary>
    [Function(ManageDomainWorkflow.Name)]
    public static Task<DomainRecord> ManageDomain([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflowRunner.RunAsync(context, ManageDomainWorkflow.RunAsync);

    /// <summary>Runs <see cref="ReconcileTenantWorkflow"/>.</summary>
    [Function(ReconcileTenantWorkflow.Name)]
    public static Task<ReconciliationReport> ReconcileTenant([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflowRunner.RunAsync(context, ReconcileTenantWorkflow.RunAsync);

    /// <summary>Runs <see cref="GatewayJobs.ReadSubscriptionListing"/>.</summary>
    [Function(ReconcileTenantWorkflow.ReadActivity)]
    public Task<SubscriptionListing> ReadSubscriptionListing([ActivityTrigger] SubscriptionsStep step, FunctionContext context) =>
        GatewayJobs.ReadSubscriptionListing.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.SaveReconciliationReport"/>.</summary>
    [Function(ReconcileTenantWorkflow.SaveReportActivity)]
    public Task<bool> SaveReconciliationReport([ActivityTrigger] SaveReportStep step, FunctionContext context) =>
        GatewayJobs.SaveReconciliationReport.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="SubscriptionUpdateWorkflow"/>.</summary>
    [Function(SubscriptionUpdateWorkflow.Name)]
    public static Task<string> ProcessSubscriptionUpdate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflowRunner.RunAsync(context, SubscriptionUpdateWorkflow.RunAsync);

    /// <summary>Runs <see cref="GatewayJobs.RefreshSubscription"/>.</summary>
    [Function(SubscriptionUpdateWorkflow.RefreshActivity)]
    public Task<string> RefreshSubscription([ActivityTrigger] string resourceUri, FunctionContext context) =>
        GatewayJobs.RefreshSubscription.Run(services, resourceUri, context.CancellationToken);

    /// <summary>Runs <see cref="CatalogSync"/>'s workflow.</summary>
    [Function(CatalogSync.WorkflowName)]
    public static Task<CatalogSyncReport> SyncCatalog([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflowRunner.RunAsync(context, CatalogSync.RunAsync);

    /// <summary>Runs <see cref="GatewayJobs.SyncInstanceCatalog"/>.</summary>
    [Function(CatalogSync.ActivityName)]
    public Task<CatalogSyncReport> SyncInstanceCatalog([ActivityTrigger] string instanceId, FunctionContext context) =>
        GatewayJobs.SyncInstanceCatalog.Run(services, instanceId, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.RegisterWebhook"/>.</summary>
    [Function(WebhookRegistrations.ActivityName)]
    public Task<string> RegisterWebhook([ActivityTrigger] string instanceId, FunctionContext context) =>
        GatewayJobs.RegisterWebhook.Run(services, instanceId, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.ExchangeRefreshToken"/>.</summary>
    [Function(VerifyConsentWorkflow.ExchangeActivity)]
    public Task<ConsentCheck> ExchangeRefreshToken([ActivityTrigger] string instanceId, FunctionContext context) =>
        GatewayJobs.ExchangeRefreshToken.Run(services, instanceId, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.CreateCustomer"/>.</summary>
    [Function(TenantActivities.CreateCustomer)]
    public Task<StepOutcome<TenantCustomer>> CreateCustomer([ActivityTrigger] CreateCustomerStep step, FunctionContext context) =>
        GatewayJobs.CreateCustomer.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.FindCustomer"/>.</summary>
    [Function(TenantActivities.FindCustomer)]
    public Task<string?> FindCustomer([ActivityTrigger] CustomerLookupStep step, FunctionContext context) =>
        GatewayJobs.FindCustomer.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.RequestRelationship"/>.</summary>
    [Function(TenantActivities.RequestRelationship)]
    public Task<StepOutcome<Uri>> RequestRelationship([ActivityTrigger] CustomerLookupStep step, FunctionContext context) =>
        GatewayJobs.RequestRelationship.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.AttestAgreement"/>.</summary>
    [Function(TenantActivities.AttestAgreement)]
    public Task<StepOutcome<bool>> AttestAgreement([ActivityTrigger] AgreementStep step, FunctionContext context) =>
        GatewayJobs.AttestAgreement.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.PurchaseSubscriptions"/>.</summary>
    [Function(TenantActivities.Purchase)]
    public Task<StepOutcome<IReadOnlyList<SubscriptionState>>> PurchaseSubscriptions([ActivityTrigger] PurchaseStep step, FunctionContext context) =>
        GatewayJobs.PurchaseSubscriptions.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.ReadSubscriptions"/>.</summary>
    [Function(TenantActivities.ReadSubscriptions)]
    public Task<IReadOnlyList<SubscriptionState>> ReadSubscriptions([ActivityTrigger] SubscriptionsStep step, FunctionContext context) =>
        GatewayJobs.ReadSubscriptions.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.ChangeSubscription"/>.</summary>
    [Function(TenantActivities.ChangeSubscription)]
    public Task<StepOutcome<SubscriptionState>> ChangeSubscription([ActivityTrigger] ChangeStep step, FunctionContext context) =>
        GatewayJobs.ChangeSubscription.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.UpgradeSubscription"/>.</summary>
    [Function(TenantActivities.UpgradeSubscription)]
    public Task<StepOutcome<SubscriptionState>> UpgradeSubscription([ActivityTrigger] UpgradeStep step, FunctionContext context) =>
        GatewayJobs.UpgradeSubscription.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.ConvertTrial"/>.</summary>
    [Function(TenantActivities.ConvertTrial)]
    public Task<StepOutcome<SubscriptionState>> ConvertTrial([ActivityTrigger] ConversionStep step, FunctionContext context) =>
        GatewayJobs.ConvertTrial.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.CreateUser"/>.</summary>
    [Function(DirectoryActivities.CreateUser)]
    public Task<StepOutcome<string>> CreateUser([ActivityTrigger] CreateUserStep step, FunctionContext context) =>
        GatewayJobs.CreateUser.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.SetUserLicenses"/>.</summary>
    [Function(DirectoryActivities.SetUserLicenses)]
    public Task<StepOutcome<bool>> SetUserLicenses([ActivityTrigger] UserLicensesStep step, FunctionContext context) =>
        GatewayJobs.SetUserLicenses.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.DeleteUser"/>.</summary>
    [Function(DirectoryActivities.DeleteUser)]
    public Task<StepOutcome<bool>> DeleteUser([ActivityTrigger] DeleteUserStep step, FunctionContext context) =>
        GatewayJobs.DeleteUser.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.SaveUser"/>.</summary>
    [Function(DirectoryActivities.SaveUser)]
    public Task<bool> SaveUser([ActivityTrigger] SaveUserStep step, FunctionContext context) =>
        GatewayJobs.SaveUser.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.AddDomain"/>.</summary>
    [Function(DirectoryActivities.AddDomain)]
    public Task<StepOutcome<DomainRecords>> AddDomain([ActivityTrigger] DomainStep step, FunctionContext context) =>
        GatewayJobs.AddDomain.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.VerifyDomain"/>.</summary>
    [Function(DirectoryActivities.VerifyDomain)]
    public Task<StepOutcome<bool>> VerifyDomain([ActivityTrigger] DomainStep step, FunctionContext context) =>
        GatewayJobs.VerifyDomain.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.RemoveDomain"/>.</summary>
    [Function(DirectoryActivities.RemoveDomain)]
    public Task<StepOutcome<bool>> RemoveDomain([ActivityTrigger] DomainStep step, FunctionContext context) =>
        GatewayJobs.RemoveDomain.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.SaveDomain"/>.</summary>
    [Function(DirectoryActivities.SaveDomain)]
    public Task<bool> SaveDomain([ActivityTrigger] SaveDomainStep step, FunctionContext context) =>
        GatewayJobs.SaveDomain.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.RequestAdminAccess"/>.</summary>
    [Function(TenantActivities.RequestAdminAccess)]
    public Task<StepOutcome<AdminAccess>> RequestAdminAccess([ActivityTrigger] AdminAccessStep step, FunctionContext context) =>
        GatewayJobs.RequestAdminAccess.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.ReadAdminAccess"/>.</summary>
    [Function(TenantActivities.ReadAdminAccess)]
    public Task<AdminAccess> ReadAdminAccess([ActivityTrigger] AdminAccessStep step, FunctionContext context) =>
        GatewayJobs.ReadAdminAccess.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.AssignAdminAccess"/>.</summary>
    [Function(TenantActivities.AssignAdminAccess)]
    public Task<StepOutcome<bool>> AssignAdminAccess([ActivityTrigger] AdminAccessAssignmentStep step, FunctionContext context) =>
        GatewayJobs.AssignAdminAccess.Run(services, step, context.CancellationToken);

    /// <summary>Runs <see cref="GatewayJobs.SaveTenant"/>.</summary>
    [Function(TenantActivities.SaveTenant)]
    public Task<bool> SaveTenant([ActivityTrigger] SaveTenantStep step, FunctionContext context) =>
        GatewayJobs.SaveTenant.Run(services, step, context.CancellationToken);
}
