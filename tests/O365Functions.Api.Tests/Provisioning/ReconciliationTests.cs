using System.Net;
using O365Functions.Api.Tests.Aps;
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
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 10), ("ATP_ENTERPRISE", 2))));
        var premium = Subscription(created, "O365_BUSINESS_PREMIUM");
        Gateway.Microsoft.ChangeSubscription(premium, quantity: 12);

        var report = await scenario.Controller.OperationAsync(HttpMethod.Post, "tenants", id, "sync");
        var read = await scenario.Controller.RetrieveAsync("tenants", id);
        var again = await scenario.Controller.OperationAsync(HttpMethod.Post, "tenants", id, "sync");

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.True(report.Body!["readComplete"]!.GetValue<bool>());
        var finding = report.Body["findings"]!.AsArray().Single()!;
        Assert.Equal(("O365_BUSINESS_PREMIUM", "fixed"), (finding["provisioningId"]!.GetValue<string>(), finding["action"]!.GetValue<string>()));
        Assert.Equal(12, read.Body!["licenses"]!["O365_BUSINESS_PREMIUM"]!["limit"]!.GetValue<int>());
        Assert.Empty(again.Body!["findings"]!.AsArray());
    }

    [Fact]
    public async Task A_partial_read_removes_and_reduces_nothing_and_says_so()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 10), ("ATP_ENTERPRISE", 2), ("EXCHANGEARCHIVE_ADDON", 3))));
        Gateway.Microsoft.ChangeSubscription(Subscription(created, "O365_BUSINESS_PREMIUM"), quantity: 4);
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
            Assert.Equal(10, read.Body["licenses"]!["O365_BUSINESS_PREMIUM"]!["limit"]!.GetValue<int>());
        }
        finally
        {
            Gateway.Microsoft.Options.PartialSubscriptionLists = false;
        }
    }

    private static string Subscription(Emulators.Aps.ApsOutcome created, string provisioningId) =>
        created.Body!["subscriptions"]!.AsArray().Single(s => s!["provisioningId"]!.GetValue<string>() == provisioningId)!["subscriptionId"]!.GetValue<string>();
}
