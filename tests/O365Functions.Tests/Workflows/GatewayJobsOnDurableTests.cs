using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Catalog;
using O365Functions.Core.Consent;
using O365Functions.Core.Jobs;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.Secrets;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Storage.Secrets;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Tests.Workflows;

/// <summary>The gateway's own workflows, registered the one way both hosts register them, run on the real Durable Task engine.</summary>
public sealed class GatewayJobsOnDurableTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-durable-jobs-");

    [Theory]
    [InlineData(ConsentStatus.Authenticated)]
    [InlineData(ConsentStatus.ConsentRequired)]
    public async Task VerifyConsent_records_what_the_token_exchange_said(ConsentStatus status)
    {
        var store = new SqliteEntityStore(Path.Combine(_data.FullName, $"{status}.db"));
        var controller = new RecordingController();
        using var services = new ServiceCollection().AddLogging()
            .AddSingleton<IEntityStore>(store)
            .AddSingleton<GatewayRecords>()
            .AddSingleton<IConsentExchange>(new AnsweringExchange(new ConsentCheck(status, $"The exchange said {status}.", Rotated: true)))
            .AddSingleton<IApsController>(controller)
            .AddSingleton<CommerceController>()
            .AddSingleton<CommerceNotifications>()
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
        await using var engine = new DurableTestHostEngine(registrar => GatewayJobs.RegisterWorkflows(registrar, services), NullLoggerFactory.Instance);
        await engine.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var id = await engine.Client.StartWorkflowAsync(VerifyConsentWorkflow.Name, "instance-1", cancellationToken: timeout.Token);
        var finished = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var records = await services.GetRequiredService<GatewayRecords>().GetAsync();
        var token = await records.GetAsync<TokenMetadataRecord>(RecordKey.TokenMetadata("instance-1"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(status, finished.ReadOutputAs<ConsentCheck>()!.Status);
        Assert.Equal(status, token!.Record.Status);
        Assert.Equal($"The exchange said {status}.", token.Record.Detail);
        Assert.Equal(status == ConsentStatus.Authenticated, token.Record.LastUsed is not null);
        var alerts = controller.Sent.Where(r => r.Method == HttpMethod.Post && r.Path == "aps/2/resources/manager-1/notifications").ToList();
        Assert.Equal(status == ConsentStatus.ConsentRequired ? 1 : 0, alerts.Count);
        Assert.All(alerts, alert => Assert.Equal("error", alert.Body!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ProvisionTenant_and_ChangeTenant_carry_their_inputs_outcomes_and_records_through_Durable()
    {
        var commerce = new InMemoryCommerce();
        var controller = new RecordingController
        {
            // The Commerce subscription now sells 8 Business Premium and 2 ATP seats.
            Limits = new JsonArray(
                new JsonObject { ["apsId"] = "type-bp", ["title"] = "Business Premium", ["limit"] = 8 },
                new JsonObject { ["apsId"] = "type-atp", ["title"] = "ATP", ["limit"] = 2 },
                new JsonObject { ["apsId"] = "another-application", ["limit"] = 1 }),
        };
        using var secrets = new LocalSecretStore(LocalSecretStoreOptions.In(_data.FullName));
        using var services = new ServiceCollection().AddLogging()
            .AddSingleton<IEntityStore>(new SqliteEntityStore(Path.Combine(_data.FullName, "tenants.db")))
            .AddSingleton<GatewayRecords>()
            .AddSingleton<ITenantCommerce>(commerce)
            .AddSingleton<ISecretStore>(secrets)
            .AddSingleton<IApsController>(controller)
            .AddSingleton<CommerceController>()
            .AddSingleton<CommerceNotifications>()
            .AddSingleton<InstanceCatalogs>()
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
        var store = await services.GetRequiredService<GatewayRecords>().GetAsync();
        await store.PutAsync(RecordKey.Instance("i1"), new ApplicationInstanceRecord(
            "i1", "global", "partner", "app", "production", "direct", "US", ["US"], "en-US", "monthly", "keep", null, "certificate", null, null, "1.1", null), ifMatch: null);
        await store.PutAsync(RecordKey.OfferType("i1", "type-bp"), new OfferTypeRecord("i1", "license", "BP", "Business Premium", "031c9e47", null, true, [], [], 1, 300, "type-bp"), ifMatch: null);
        await store.PutAsync(RecordKey.OfferType("i1", "type-atp"), new OfferTypeRecord("i1", "addon", "ATP", "ATP", "a2706f86", null, false, [], ["BP"], 1, 300, "type-atp"), ifMatch: null);
        await using var engine = new DurableTestHostEngine(registrar => GatewayJobs.RegisterWorkflows(registrar, services), NullLoggerFactory.Instance);
        await engine.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var timings = new ProvisioningTimings(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        var order = new TenantOrder("i1", "t1", "contoso", null, "Contoso", "US", new PostalAddress("1 Way", null, "Redmond", "WA", "98052"),
            new TenantContact("Ada", "Lovelace", "ada@contoso.example", null), null, null, null,
            [new PlannedSubscription("BP", "031c9e47", 5, null, 0, null, "monthly"), new PlannedSubscription("ATP", "a2706f86", 2, "BP", 1, null, "monthly")],
            new CommerceOrigin("account-1", "sub-1", new Dictionary<string, long> { ["BP"] = 5, ["ATP"] = 2 }));

        var provisioning = await engine.Client.StartWorkflowAsync(ProvisionTenantWorkflow.Name, new ProvisionTenantInput(order, timings), cancellationToken: timeout.Token);
        var provisioned = await engine.Client.WaitForInstanceCompletionAsync(provisioning, getInputsAndOutputs: true, timeout.Token);
        var tenant = provisioned.ReadOutputAs<TenantRecord>()!;
        var following = await engine.Client.StartWorkflowAsync(
            ChangeTenantWorkflow.Name, new ChangeTenantInput(TenantChangeKind.LimitsChanged, tenant, [], timings), cancellationToken: timeout.Token);
        var followed = await engine.Client.WaitForInstanceCompletionAsync(following, getInputsAndOutputs: true, timeout.Token);
        tenant = followed.ReadOutputAs<TenantRecord>() ?? tenant;
        var change = await engine.Client.StartWorkflowAsync(
            ChangeTenantWorkflow.Name, new ChangeTenantInput(TenantChangeKind.Disable, tenant, [], timings), cancellationToken: timeout.Token);
        var changed = await engine.Client.WaitForInstanceCompletionAsync(change, getInputsAndOutputs: true, timeout.Token);
        var stored = await (await services.GetRequiredService<GatewayRecords>().GetAsync()).GetAsync<TenantRecord>(RecordKey.Tenant("i1", "t1"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, provisioned.RuntimeStatus);
        Assert.Equal(["BP", "ATP"], tenant.Subscriptions.Select(s => s.ProvisioningId));
        Assert.Equal("customer-1", tenant.MicrosoftTenantId);
        Assert.Equal("once", (await secrets.GetAsync(InstanceSecretNames.TenantAdminPassword("i1", "t1")))!.Reveal());
        Assert.Contains(controller.Sent, r => r.Method == HttpMethod.Post && r.Path == "aps/2/resources/t1/aps/subscriptions" && r.Body!["source"]!["id"]!.GetValue<string>() == "sub-1");
        Assert.True(followed.RuntimeStatus == WorkflowRuntimeStatus.Completed, followed.FailureDetails?.ErrorMessage);
        Assert.Equal(8, tenant.Subscriptions.Single(s => s.ProvisioningId == "BP").Quantity);
        Assert.Equal(8, tenant.SeatLimits!["BP"]);
        Assert.Equal(WorkflowRuntimeStatus.Completed, changed.RuntimeStatus);
        Assert.Equal(TenantStatus.Suspended, stored!.Record.Status);
        Assert.All(stored.Record.Subscriptions, s => Assert.Equal(SubscriptionStatus.Suspended, s.Status));
    }

    [Fact]
    public async Task A_reconciliation_whose_read_fails_reports_it_and_changes_nothing()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddSingleton<IEntityStore>(new SqliteEntityStore(Path.Combine(_data.FullName, "reconcile.db")))
            .AddSingleton<GatewayRecords>()
            .AddSingleton<ITenantCommerce>(new InMemoryCommerce { ReadsFail = true })
            .BuildServiceProvider();
        var tenant = new TenantRecord("i1", "t9", "customer-1", "contoso.onmicrosoft.com", "Contoso", "US", TenantStatus.Active, [new SubscriptionRecord("BP", "s1", "031c9e47", 5, SubscriptionStatus.Active)]);
        var records = await services.GetRequiredService<GatewayRecords>().GetAsync();
        await records.PutAsync(RecordKey.Tenant("i1", "t9"), tenant, ifMatch: null);
        await using var engine = new DurableTestHostEngine(registrar => GatewayJobs.RegisterWorkflows(registrar, services), NullLoggerFactory.Instance);
        await engine.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var id = await engine.Client.StartWorkflowAsync(ReconcileTenantWorkflow.Name, tenant, cancellationToken: timeout.Token);
        var finished = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var report = finished.ReadOutputAs<ReconciliationReport>()!;

        Assert.Equal(WorkflowRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Contains("could not be read", report.Summary, StringComparison.Ordinal);
        Assert.Equal(5, (await records.GetAsync<TenantRecord>(RecordKey.Tenant("i1", "t9")))!.Record.Subscriptions.Single().Quantity);
        Assert.Equal(report.Summary, (await ReconciliationReports.LastAsync(services.GetRequiredService<GatewayRecords>(), "i1", "t9", CancellationToken.None))!.Summary);
    }

    public void Dispose() => _data.Delete(recursive: true);

    /// <summary>Partner Center as a dictionary: every purchase active at once, every change applied.</summary>
    private sealed class InMemoryCommerce : ITenantCommerce
    {
        private readonly List<SubscriptionState> _subscriptions = [];

        public bool ReadsFail { get; init; }

        public Task<StepOutcome<CreatedCustomer>> CreateCustomerAsync(CommerceCall call, TenantOrder order, CancellationToken cancellationToken) =>
            Task.FromResult(StepOutcome.Done(new CreatedCustomer("customer-1", order.Domain, "admin@" + order.Domain, "once")));

        public Task<string?> FindCustomerAsync(CommerceCall call, string domain, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task<StepOutcome<Uri>> RelationshipLinkAsync(CommerceCall call, CancellationToken cancellationToken) =>
            Task.FromResult(StepOutcome.Done(new Uri("https://admin.microsoft.com/")));

        public Task<StepOutcome<bool>> AttestAgreementAsync(CommerceCall call, string customerId, TenantContact contact, CancellationToken cancellationToken) =>
            Task.FromResult(StepOutcome.Done(true));

        public Task<StepOutcome<IReadOnlyList<SubscriptionState>>> PurchaseAsync(
            CommerceCall call, string customerId, IReadOnlyList<PurchaseLine> lines, string? resellerMpnId, CancellationToken cancellationToken)
        {
            lock (_subscriptions)
            {
                foreach (var line in lines.Where(l => !_subscriptions.Any(s => s.FriendlyName == l.FriendlyName)))
                {
                    _subscriptions.Add(new SubscriptionState($"s{_subscriptions.Count}", line.OfferId, line.FriendlyName, line.Quantity, SubscriptionStatus.Active, true,
                        line.ParentSubscriptionId, "o1", DateTimeOffset.UtcNow, null, resellerMpnId, null));
                }

                return Task.FromResult(StepOutcome.Done<IReadOnlyList<SubscriptionState>>([.. _subscriptions]));
            }
        }

        public Task<IReadOnlyList<SubscriptionState>> ListSubscriptionsAsync(CommerceCall call, string customerId, CancellationToken cancellationToken)
        {
            lock (_subscriptions)
            {
                return Task.FromResult<IReadOnlyList<SubscriptionState>>([.. _subscriptions]);
            }
        }

        public Task<SubscriptionListing> ReadListingAsync(CommerceCall call, string customerId, CancellationToken cancellationToken)
        {
            if (ReadsFail)
            {
                throw new HttpRequestException("Partner Center answered 503 to every attempt.");
            }

            lock (_subscriptions)
            {
                return Task.FromResult(new SubscriptionListing([.. _subscriptions], _subscriptions.Count));
            }
        }

        public Task<StepOutcome<SubscriptionState>> ChangeSubscriptionAsync(CommerceCall call, string customerId, SubscriptionChange change, CancellationToken cancellationToken)
        {
            lock (_subscriptions)
            {
                var index = _subscriptions.FindIndex(s => s.SubscriptionId == change.SubscriptionId);
                _subscriptions[index] = _subscriptions[index] with { Status = change.Status ?? _subscriptions[index].Status, Quantity = change.Quantity ?? _subscriptions[index].Quantity };
                return Task.FromResult(StepOutcome.Done(_subscriptions[index]));
            }
        }

        public Task<StepOutcome<SubscriptionState>> UpgradeAsync(CommerceCall call, string customerId, PlannedUpgrade upgrade, CancellationToken cancellationToken) =>
            Task.FromResult(StepOutcome.Refused<SubscriptionState>(new CommerceRefusal("none", "Not offered here.", "None.")));

        public Task<StepOutcome<SubscriptionState>> ConvertTrialAsync(CommerceCall call, string customerId, PlannedConversion conversion, CancellationToken cancellationToken) =>
            Task.FromResult(StepOutcome.Refused<SubscriptionState>(new CommerceRefusal("none", "Not offered here.", "None.")));
    }

    private sealed class AnsweringExchange(ConsentCheck answer) : IConsentExchange
    {
        public Task<ConsentCheck> ExchangeAsync(string instanceId, CancellationToken cancellationToken) => Task.FromResult(answer);
    }

    /// <summary>A controller with an operator notification manager that records what it is sent.</summary>
    private sealed class RecordingController : IApsController
    {
        public System.Collections.Concurrent.ConcurrentQueue<ApsControllerRequest> Sent { get; } = new();

        /// <summary>What a subscription's <c>/resources</c> answers.</summary>
        public JsonArray Limits { get; init; } = [];

        public Task<JsonNode?> SendAsync(string instanceId, ApsControllerRequest request, CancellationToken cancellationToken = default)
        {
            Sent.Enqueue(request);
            return Task.FromResult<JsonNode?>(request switch
            {
                { Path: var path } when path.EndsWith("/resources", StringComparison.Ordinal) => Limits.DeepClone(),
                { Method.Method: "GET" } => new JsonArray(new JsonObject { ["aps"] = new JsonObject { ["id"] = "manager-1" } }),
                _ => new JsonObject(),
            });
        }
    }
}
