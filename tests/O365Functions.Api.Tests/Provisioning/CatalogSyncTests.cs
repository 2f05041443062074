using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Tests.Aps;
using O365Functions.Core.Catalog.Sync;
using O365Functions.Core.Jobs;
using O365Functions.Core.Workflows;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>The daily catalog sync, run as the timer runs it: Microsoft's quantities applied, a withdrawn offer marked and kept.</summary>
public sealed class CatalogSyncTests(ProvisioningGatewayFixture fixture) : IClassFixture<ProvisioningGatewayFixture>
{
    private const string E1 = "91fd106f-4b2c-4938-95ac-f54f74e9a239";

    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Quantities_follow_Microsoft_and_a_withdrawn_offer_is_marked_kept_and_no_longer_sold()
    {
        await using var scenario = await StartAsync(Gateway);
        var (narrow, _) = await scenario.Controller.ProvisionAsync("licenseTypes", new JsonObject
        {
            ["name"] = "Skype narrow",
            ["offerId"] = "14c61739-b45a-42c0-832c-d330972d3173",
            ["provisioningId"] = "SKYPE_NARROW",
            ["assignableToUsers"] = true,
            ["possibleUpgrades"] = new JsonArray(),
            ["maximumQuantity"] = 50,
        });
        var e1 = scenario.Controller.Resources.Single(r => r.Value["provisioningId"]?.GetValue<string>() == "STANDARDPACK").Key;
        Gateway.Microsoft.Options.WithdrawnOffers.Add(E1);
        try
        {
            var workflows = Gateway.Services.GetRequiredService<IWorkflowClient>();
            var now = DateTimeOffset.UtcNow;
            await GatewayJobs.Timer(CatalogSync.Name).Run(new JobContext(Gateway.Services, workflows, now), CancellationToken.None);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var finished = await workflows.WaitForInstanceCompletionAsync($"catalog_{scenario.Controller.InstanceId}_{now.UtcDateTime:yyyyMMdd}", getInputsAndOutputs: true, timeout.Token);
            var report = finished.ReadOutputAs<CatalogSyncReport>()!;
            var widened = await scenario.Controller.RetrieveAsync("licenseTypes", narrow);
            var withdrawn = await scenario.Controller.RetrieveAsync("licenseTypes", e1);
            var (_, order) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("STANDARDPACK", 2))));

            Assert.Equal(["STANDARDPACK"], report.Withdrawn);
            Assert.Contains("SKYPE_NARROW", report.Updated);
            Assert.Empty(report.Unread);
            Assert.Equal(10000, widened.Body!["maximumQuantity"]!.GetValue<int>());
            Assert.Equal(HttpStatusCode.OK, withdrawn.Status);
            Assert.True(withdrawn.Body!["withdrawn"]!.GetValue<bool>());
            Assert.Equal(HttpStatusCode.BadRequest, order.Status);
            Assert.Equal("OfferWithdrawn", order.Body!["details"]![0]!["error"]!.GetValue<string>());
        }
        finally
        {
            Gateway.Microsoft.Options.WithdrawnOffers.Remove(E1);
        }
    }
}
