using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using O365Functions.Core.Catalog;
using O365Functions.Core.Catalog.Sync;
using O365Functions.Core.Consent;
using O365Functions.Core.Directory;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.Webhooks;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Maintenance;

namespace O365Functions.Core.Jobs;

/// <summary>
/// The one list of what the gateway runs besides HTTP requests: workflows, their activities, and timers. The local
/// gateway registers each entry with its embedded runtime and scheduler; the Functions app has one function per entry
/// whose body calls the entry, and a test holds the two to this list.
/// </summary>
public static class GatewayJobs
{
    /// <summary>Exchanges an instance's refresh token once and records the outcome (<see cref="VerifyConsentWorkflow"/>).</summary>
    public static ActivityJob<string, ConsentCheck> ExchangeRefreshToken { get; } = new(
        VerifyConsentWorkflow.ExchangeActivity,
        (services, instanceId, ct) => VerifyConsentWorkflow.ExchangeAsync(
            services.Required<IConsentExchange>(), services.Required<GatewayRecords>(), services.Required<TimeProvider>(), Logger(services, "O365Functions.Consent"), instanceId, ct));

    /// <summary>Creates a new organization's customer (<see cref="TenantActivities.CreateCustomerAsync"/>).</summary>
    public static ActivityJob<CreateCustomerStep, StepOutcome<TenantCustomer>> CreateCustomer { get; } = new(
        TenantActivities.CreateCustomer,
        (services, step, ct) => TenantActivities.CreateCustomerAsync(
            services.Required<ITenantCommerce>(), services.Required<GatewayRecords>(), services.Required<ISecretStore>(), ProvisioningLogger(services), step, ct));

    /// <summary>Looks for an existing organization among the partner's customers (<see cref="TenantActivities.FindCustomerAsync"/>).</summary>
    public static ActivityJob<CustomerLookupStep, string?> FindCustomer { get; } = new(
        TenantActivities.FindCustomer,
        (services, step, ct) => TenantActivities.FindCustomerAsync(services.Required<ITenantCommerce>(), ProvisioningLogger(services), step, ct));

    /// <summary>Gets the reseller relationship link (<see cref="TenantActivities.RequestRelationshipAsync"/>).</summary>
    public static ActivityJob<CustomerLookupStep, StepOutcome<Uri>> RequestRelationship { get; } = new(
        TenantActivities.RequestRelationship,
        (services, step, ct) => TenantActivities.RequestRelationshipAsync(services.Required<ITenantCommerce>(), ProvisioningLogger(services), step, ct));

    /// <summary>Attests the Microsoft Customer Agreement (<see cref="TenantActivities.AttestAgreementAsync"/>).</summary>
    public static ActivityJob<AgreementStep, StepOutcome<bool>> AttestAgreement { get; } = new(
        TenantActivities.AttestAgreement,
        (services, step, ct) => TenantActivities.AttestAgreementAsync(services.Required<ITenantCommerce>(), ProvisioningLogger(services), step, ct));

    /// <summary>Buys one level of a plan (<see cref="TenantActivities.PurchaseAsync"/>).</summary>
    public static ActivityJob<PurchaseStep, StepOutcome<IReadOnlyList<SubscriptionState>>> PurchaseSubscriptions { get; } = new(
        TenantActivities.Purchase,
        (services, step, ct) => TenantActivities.PurchaseAsync(services.Required<ITenantCommerce>(), ProvisioningLogger(services), step, ct));

    /// <summary>Reads a customer's subscriptions (<see cref="TenantActivities.ReadSubscriptionsAsync"/>).</summary>
    public static ActivityJob<SubscriptionsStep, IReadOnlyList<SubscriptionState>> ReadSubscriptions { get; } = new(
        TenantActivities.ReadSubscriptions,
        (services, step, ct) => TenantActivities.ReadSubscriptionsAsync(services.Required<ITenantCommerce>(), ProvisioningLogger(services), step, ct));

    /// <summary>Changes one subscription (<see cref="TenantActivities.ChangeSubscriptionAsync"/>).</summary>
    public static ActivityJob<ChangeStep, StepOutcome<SubscriptionState>> ChangeSubscription { get; } = new(
        TenantActivities.ChangeSubscription,
        (services, step, ct) => TenantActivities.ChangeSubscriptionAsync(services.Required<ITenantCommerce>(), ProvisioningLogger(services), step, ct));

    /// <summary>Upgrades a subscription (<see cref="TenantActivities.UpgradeSubscriptionAsync"/>).</summary>
    public static ActivityJob<UpgradeStep, StepOutcome<SubscriptionState>> UpgradeSubscription { get; } = new(
        TenantActivities.UpgradeSubscription,
        (services, step, ct) => TenantActivities.UpgradeSubscriptionAsync(services.Required<ITenantCommerce>(), ProvisioningLogger(services), step, ct));

    /// <summary>Converts a trial (<see cref="TenantActivities.ConvertTrialAsync"/>).</summary>
    public static ActivityJob<ConversionStep, StepOutcome<SubscriptionState>> ConvertTrial { get; } = new(
        TenantActivities.ConvertTrial,
        (services, step, ct) => TenantActivities.ConvertTrialAsync(services.Required<ITenantCommerce>(), ProvisioningLogger(services), step, ct));

    /// <summary>Writes or deletes a tenant's record (<see cref="TenantActivities.SaveTenantAsync"/>).</summary>
    public static ActivityJob<SaveTenantStep, bool> SaveTenant { get; } = new(
        TenantActivities.SaveTenant,
        (services, step, ct) => TenantActivities.SaveTenantAsync(services.Required<GatewayRecords>(), step, ct));

    /// <summary>Creates a user in a customer's tenant (<see cref="DirectoryActivities.CreateUserAsync"/>).</summary>
    public static ActivityJob<CreateUserStep, StepOutcome<string>> CreateUser { get; } = new(
        DirectoryActivities.CreateUser,
        (services, step, ct) => DirectoryActivities.CreateUserAsync(services.Required<ITenantDirectory>(), services.Required<ISecretStore>(), ProvisioningLogger(services), step, ct));

    /// <summary>Sets a user's licenses (<see cref="DirectoryActivities.SetUserLicensesAsync"/>).</summary>
    public static ActivityJob<UserLicensesStep, StepOutcome<bool>> SetUserLicenses { get; } = new(
        DirectoryActivities.SetUserLicenses,
        (services, step, ct) => DirectoryActivities.SetUserLicensesAsync(services.Required<ITenantDirectory>(), ProvisioningLogger(services), step, ct));

    /// <summary>Deletes a user (<see cref="DirectoryActivities.DeleteUserAsync"/>).</summary>
    public static ActivityJob<DeleteUserStep, StepOutcome<bool>> DeleteUser { get; } = new(
        DirectoryActivities.DeleteUser,
        (services, step, ct) => DirectoryActivities.DeleteUserAsync(services.Required<ITenantDirectory>(), ProvisioningLogger(services), step, ct));

    /// <summary>Writes or deletes a user's record (<see cref="DirectoryActivities.SaveUserAsync"/>).</summary>
    public static ActivityJob<SaveUserStep, bool> SaveUser { get; } = new(
        DirectoryActivities.SaveUser,
        (services, step, ct) => DirectoryActivities.SaveUserAsync(services.Required<GatewayRecords>(), step, ct));

    /// <summary>Adds a domain to a customer's tenant (<see cref="DirectoryActivities.AddDomainAsync"/>).</summary>
    public static ActivityJob<DomainStep, StepOutcome<DomainRecords>> AddDomain { get; } = new(
        DirectoryActivities.AddDomain,
        (services, step, ct) => DirectoryActivities.AddDomainAsync(services.Required<ITenantDirectory>(), ProvisioningLogger(services), step, ct));

    /// <summary>Verifies a domain within its daily budget (<see cref="DirectoryActivities.VerifyDomainAsync"/>).</summary>
    public static ActivityJob<DomainStep, StepOutcome<bool>> VerifyDomain { get; } = new(
        DirectoryActivities.VerifyDomain,
        (services, step, ct) => DirectoryActivities.VerifyDomainAsync(services.Required<ITenantDirectory>(), services.Required<GatewayRecords>(), services.Required<TimeProvider>(), ProvisioningLogger(services), step, ct));

    /// <summary>Deletes a domain from a customer's tenant (<see cref="DirectoryActivities.RemoveDomainAsync"/>).</summary>
    public static ActivityJob<DomainStep, StepOutcome<bool>> RemoveDomain { get; } = new(
        DirectoryActivities.RemoveDomain,
        (services, step, ct) => DirectoryActivities.RemoveDomainAsync(services.Required<ITenantDirectory>(), ProvisioningLogger(services), step, ct));

    /// <summary>Writes or deletes a domain's record (<see cref="DirectoryActivities.SaveDomainAsync"/>).</summary>
    public static ActivityJob<SaveDomainStep, bool> SaveDomain { get; } = new(
        DirectoryActivities.SaveDomain,
        (services, step, ct) => DirectoryActivities.SaveDomainAsync(services.Required<GatewayRecords>(), step, ct));

    /// <summary>Asks a customer for admin access (<see cref="TenantActivities.RequestAdminAccessAsync"/>).</summary>
    public static ActivityJob<AdminAccessStep, StepOutcome<AdminAccess>> RequestAdminAccess { get; } = new(
        TenantActivities.RequestAdminAccess,
        (services, step, ct) => TenantActivities.RequestAdminAccessAsync(services.Required<ITenantDirectory>(), ProvisioningLogger(services), step, ct));

    /// <summary>Reads a GDAP relationship (<see cref="TenantActivities.ReadAdminAccessAsync"/>).</summary>
    public static ActivityJob<AdminAccessStep, AdminAccess> ReadAdminAccess { get; } = new(
        TenantActivities.ReadAdminAccess,
        (services, step, ct) => TenantActivities.ReadAdminAccessAsync(services.Required<ITenantDirectory>(), ProvisioningLogger(services), step, ct));

    /// <summary>Gives the partner's group its admin roles (<see cref="TenantActivities.AssignAdminAccessAsync"/>).</summary>
    public static ActivityJob<AdminAccessAssignmentStep, StepOutcome<bool>> AssignAdminAccess { get; } = new(
        TenantActivities.AssignAdminAccess,
        (services, step, ct) => TenantActivities.AssignAdminAccessAsync(services.Required<ITenantDirectory>(), ProvisioningLogger(services), step, ct));

    /// <summary>Reads a customer's subscriptions with Partner Center's count (<see cref="ReconcileTenantWorkflow"/>).</summary>
    public static ActivityJob<SubscriptionsStep, SubscriptionListing> ReadSubscriptionListing { get; } = new(
        ReconcileTenantWorkflow.ReadActivity,
        (services, step, ct) => services.Required<ITenantCommerce>().ReadListingAsync(step.Operation.Call("read-listing"), step.CustomerId, ct));

    /// <summary>Keeps a tenant's reconciliation report (<see cref="ReconciliationReports.SaveAsync"/>).</summary>
    public static ActivityJob<SaveReportStep, bool> SaveReconciliationReport { get; } = new(
        ReconcileTenantWorkflow.SaveReportActivity,
        (services, step, ct) => ReconciliationReports.SaveAsync(services.Required<GatewayRecords>(), step, ct));

    /// <summary>Refreshes a subscription Partner Center says changed (<see cref="SubscriptionUpdateWorkflow.RefreshAsync"/>).</summary>
    public static ActivityJob<string, string> RefreshSubscription { get; } = new(
        SubscriptionUpdateWorkflow.RefreshActivity,
        (services, resource, ct) => SubscriptionUpdateWorkflow.RefreshAsync(services.Required<ITenantCommerce>(), services.Required<GatewayRecords>(), resource, ct));

    /// <summary>Syncs an instance's types with Microsoft's catalog (<see cref="CatalogSync.SyncAsync"/>).</summary>
    public static ActivityJob<string, CatalogSyncReport> SyncInstanceCatalog { get; } = new(
        CatalogSync.ActivityName,
        (services, instanceId, ct) => CatalogSync.SyncAsync(services.Required<IOfferCatalogSource>(), services.Required<GatewayRecords>(), services.Required<InstanceCatalogs>(), instanceId, ct));

    /// <summary>Registers an instance's webhook (<see cref="WebhookRegistrations.EnsureAsync"/>).</summary>
    public static ActivityJob<string, string> RegisterWebhook { get; } = new(
        WebhookRegistrations.ActivityName,
        (services, instanceId, ct) => WebhookRegistrations.EnsureAsync(
            services.GetService(typeof(IWebhookRegistrar)) as IWebhookRegistrar, services.Required<GatewayRecords>(),
            services.GetService(typeof(WebhookRegistrationOptions)) as WebhookRegistrationOptions ?? new(), instanceId, ct));

    /// <summary>Registers the gateway's workflows, and its activities over <paramref name="services"/>, with an engine.</summary>
    public static void RegisterWorkflows(IWorkflowRegistrar registrar, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        ArgumentNullException.ThrowIfNull(services);
        registrar.AddWorkflow<ConsentCheck>(VerifyConsentWorkflow.Name, VerifyConsentWorkflow.RunAsync);
        registrar.AddWorkflow<TenantRecord>(ProvisionTenantWorkflow.Name, ProvisionTenantWorkflow.RunAsync);
        registrar.AddWorkflow<TenantRecord>(ChangeTenantWorkflow.Name, ChangeTenantWorkflow.RunAsync);
        registrar.AddWorkflow<UserRecord>(ManageUserWorkflow.Name, ManageUserWorkflow.RunAsync);
        registrar.AddWorkflow<DomainRecord>(ManageDomainWorkflow.Name, ManageDomainWorkflow.RunAsync);
        registrar.AddWorkflow<ReconciliationReport>(ReconcileTenantWorkflow.Name, ReconcileTenantWorkflow.RunAsync);
        registrar.AddWorkflow<string>(SubscriptionUpdateWorkflow.Name, SubscriptionUpdateWorkflow.RunAsync);
        registrar.AddWorkflow<CatalogSyncReport>(CatalogSync.WorkflowName, CatalogSync.RunAsync);
        Add(registrar, services, ExchangeRefreshToken);
        Add(registrar, services, CreateCustomer);
        Add(registrar, services, FindCustomer);
        Add(registrar, services, RequestRelationship);
        Add(registrar, services, AttestAgreement);
        Add(registrar, services, PurchaseSubscriptions);
        Add(registrar, services, ReadSubscriptions);
        Add(registrar, services, ChangeSubscription);
        Add(registrar, services, UpgradeSubscription);
        Add(registrar, services, ConvertTrial);
        Add(registrar, services, SaveTenant);
        Add(registrar, services, RequestAdminAccess);
        Add(registrar, services, ReadAdminAccess);
        Add(registrar, services, AssignAdminAccess);
        Add(registrar, services, ReadSubscriptionListing);
        Add(registrar, services, SaveReconciliationReport);
        Add(registrar, services, RefreshSubscription);
        Add(registrar, services, SyncInstanceCatalog);
        Add(registrar, services, RegisterWebhook);
        Add(registrar, services, CreateUser);
        Add(registrar, services, SetUserLicenses);
        Add(registrar, services, DeleteUser);
        Add(registrar, services, SaveUser);
        Add(registrar, services, AddDomain);
        Add(registrar, services, VerifyDomain);
        Add(registrar, services, RemoveDomain);
        Add(registrar, services, SaveDomain);
    }

    /// <summary>The names <see cref="RegisterWorkflows"/> registers as workflows.</summary>
    public static IReadOnlyCollection<string> WorkflowNames { get; } = 
    [
        VerifyConsentWorkflow.Name, ProvisionTenantWorkflow.Name, ChangeTenantWorkflow.Name, ManageUserWorkflow.Name, ManageDomainWorkflow.Name,
        ReconcileTenantWorkflow.Name, SubscriptionUpdateWorkflow.Name, CatalogSync.WorkflowName,
    ];

    /// <summary>The names <see cref="RegisterWorkflows"/> registers as activities.</summary>
    public static IReadOnlyCollection<string> ActivityNames { get; } =
    [
        ExchangeRefreshToken.Name, CreateCustomer.Name, FindCustomer.Name, RequestRelationship.Name, AttestAgreement.Name,
        PurchaseSubscriptions.Name, ReadSubscriptions.Name, ChangeSubscription.Name, UpgradeSubscription.Name, ConvertTrial.Name, SaveTenant.Name, RequestAdminAccess.Name, ReadAdminAccess.Name, AssignAdminAccess.Name,
        ReadSubscriptionListing.Name, SaveReconciliationReport.Name, RefreshSubscription.Name, SyncInstanceCatalog.Name, RegisterWebhook.Name,
        CreateUser.Name, SetUserLicenses.Name, DeleteUser.Name, SaveUser.Name, AddDomain.Name, VerifyDomain.Name, RemoveDomain.Name, SaveDomain.Name,
    ];

    /// <summary>Scheduled jobs, by name.</summary>
    public static IReadOnlyList<TimerJob> Timers { get; } =
    [
        new(PurgeFinishedWorkflows.Name, PurgeFinishedWorkflows.ScheduleSetting, PurgeFinishedWorkflows.DefaultSchedule, PurgeFinishedWorkflows.RunAsync),
        new(PurgeOAuthNonces.Name, PurgeOAuthNonces.ScheduleSetting, PurgeOAuthNonces.DefaultSchedule, PurgeOAuthNonces.RunAsync),
        new(KeepTokensAlive.Name, KeepTokensAlive.ScheduleSetting, KeepTokensAlive.DefaultSchedule, KeepTokensAlive.RunAsync),
        new(CatalogSync.Name, CatalogSync.ScheduleSetting, CatalogSync.DefaultSchedule, CatalogSync.StartAllAsync),
        new(ReconcileTenants.Name, ReconcileTenants.ScheduleSetting, ReconcileTenants.DefaultSchedule, ReconcileTenants.RunAsync),
    ];

    /// <summary>Finds a timer job by name (case-insensitive, as Functions names are).</summary>
    public static TimerJob Timer(string name) =>
        Timers.FirstOrDefault(job => string.Equals(job.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No timer job is named '{name}'. Known: {string.Join(", ", Timers.Select(job => job.Name))}.", nameof(name));

    private static ILogger ProvisioningLogger(IServiceProvider services) => Logger(services, "O365Functions.Provisioning");

    private static ILogger Logger(IServiceProvider services, string category) =>
        services.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers ? loggers.CreateLogger(category) : NullLogger.Instance;

    private static void Add<TInput, TOutput>(IWorkflowRegistrar registrar, IServiceProvider services, ActivityJob<TInput, TOutput> job) =>
        registrar.AddActivity<TInput, TOutput>(job.Name, (input, ct) => job.Run(services, input, ct));
}
