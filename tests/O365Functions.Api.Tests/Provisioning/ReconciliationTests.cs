using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Tests.Aps;
using O365Functions.Core.Jobs;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary><c>POST /tenants/{id}/sync</c> against Partner Center changed outside the gateway, read whole and read in part.</summary>
public sealed class ReconciliationTests(ProvisioningGatewayFixture fixture) : IClassFixture<ProvisioningGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_whole_read_brings_the_record_to_Partner_Center_and_reports_each_change()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 10), ("ATP_ENTERPRISE", 2))));
        var premium = MicrosoftSubscriptionOf(created, "O365_BUSINESS_PREMIUM");
        Gateway.Microsoft.ChangeSubscription(premium, quantity: 12);

        var report = await scenario.Controller.OperationAsync(HttpMethod.Post, "tenants", id, "sync");
        var read = await scenario.Controller.RetrieveAsync("tenants", id);
        var again = await scenario.Controller.OperationAsync(HttpMethod.Post, "tenants", id, "sync");

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.True(report.Body!["readComplete"]!.GetValue<bool>());
        var finding = report.Body["findings"]!.AsArray().Single()!;
        Assert.Equal(("O365_BUSINESS_PREMIUM", "fixed"), (finding["provisioningId"]!.GetValue<string>(), finding["action"]!.GetValue<string>()));
        Assert.Equal(12, read.Body.Purchased("O365_BUSINESS_PREMIUM"));
        Assert.Empty(again.Body!["findings"]!.AsArray());
    }

    [Fact]
    public async Task A_partial_read_removes_and_reduces_nothing_and_says_so()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 10), ("ATP_ENTERPRISE", 2), ("EXCHANGEARCHIVE_ADDON", 3))));
        Gateway.Microsoft.ChangeSubscription(MicrosoftSubscriptionOf(created, "O365_BUSINESS_PREMIUM"), quantity: 4);
        Gateway.Microsoft.Options.PartialSubscriptionLists = true;
        try
        {
            var report = await scenario.Controller.OperationAsync(HttpMethod.Post, "tenants", id, "sync");
            var read = await scenario.Controller.RetrieveAsync("tenants", id);

            Assert.Equal(HttpStatusCode.OK, report.Status);
            Assert.False(report.Body!["readComplete"]!.GetValue<bool>());
            Assert.All(report.Body["findings"]!.AsArray(), f => Assert.Equal("noted", f!["action"]!.GetValue<string>()));
            Assert.Contains("nothing was changed", report.Body["summary"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(3, read.Body!["subscriptions"]!.AsArray().Count);
            Assert.Equal(10, read.Body.Purchased("O365_BUSINESS_PREMIUM"));
        }
        finally
        {
            Gateway.Microsoft.Options.PartialSubscriptionLists = false;
        }
    }

    [Fact]
    public async Task The_daily_timer_brings_a_tenant_changed_in_Partner_Center_to_Microsofts_quantities_once_a_day()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 10))));
        Gateway.Microsoft.ChangeSubscription(MicrosoftSubscriptionOf(created, "O365_BUSINESS_PREMIUM"), quantity: 7);
        var workflows = Gateway.Services.GetRequiredService<IWorkflowClient>();
        var day = DateTimeOffset.UtcNow.AddDays(1);
        var job = GatewayJobs.Timer(ReconcileTenants.Name);

        await job.Run(new JobContext(Gateway.Services, workflows, day), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var finished = await workflows.WaitForInstanceCompletionAsync(ReconcileTenants.WorkflowId(scenario.Controller.InstanceId, id, day), getInputsAndOutputs: true, timeout.Token);
        await job.Run(new JobContext(Gateway.Services, workflows, day), CancellationToken.None);
        var sameDay = await workflows.GetInstanceAsync(ReconcileTenants.WorkflowId(scenario.Controller.InstanceId, id, day));
        var read = await scenario.Controller.RetrieveAsync("tenants", id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, finished.RuntimeStatus);
        var finding = finished.ReadOutputAs<ReconciliationReport>()!.Findings.Single();
        Assert.Equal(("O365_BUSINESS_PREMIUM", FindingAction.Fixed), (finding.ProvisioningId, finding.Action));
        Assert.Equal(7, read.Body.Purchased("O365_BUSINESS_PREMIUM"));
        Assert.Equal(finished.CreatedAt, sameDay!.CreatedAt);
    }

    [Fact]
    public async Task The_daily_timer_leaves_a_tenant_whose_operation_is_running_for_the_next_run()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, _) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 10))));
        var workflows = Gateway.Services.GetRequiredService<IWorkflowClient>();
        var day = DateTimeOffset.UtcNow.AddDays(2);
        var raised = (JsonObject)scenario.Controller.Resources[id].DeepClone();
        scenario.SetLimits(raised, Licenses(("O365_BUSINESS_PREMIUM", 12)));
        Gateway.Microsoft.Options.SubscriptionChangeDelay = TimeSpan.FromSeconds(3);
        try
        {
            using var accepted = await scenario.Controller.SendAsync(HttpMethod.Put, $"tenants/{id}", raised);
            var records = await Gateway.Services.GetRequiredService<GatewayRecords>().GetAsync();
            var pointer = (await records.GetAsync<ResourceOperationRecord>(RecordKey.ResourceOperation(scenario.Controller.InstanceId, id)))!.Record;
            var change = await workflows.GetInstanceAsync(pointer.WorkflowInstanceId);

            await GatewayJobs.Timer(ReconcileTenants.Name).Run(new JobContext(Gateway.Services, workflows, day), CancellationToken.None);

            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.False(change!.IsCompleted);
            Assert.Null(await workflows.GetInstanceAsync(ReconcileTenants.WorkflowId(scenario.Controller.InstanceId, id, day)));
        }
        finally
        {
            Gateway.Microsoft.Options.SubscriptionChangeDelay = TimeSpan.Zero;
            Ensure(await scenario.Controller.ConfigureAsync("tenants", id, raised));
        }
    }
}
