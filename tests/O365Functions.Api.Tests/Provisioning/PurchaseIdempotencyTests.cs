using System.Net;
using System.Text.Json.Nodes;
using O365Functions.Api.Tests.Aps;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>
/// The two guards against buying twice, each pinned on its own: the purchase's stable <c>MS-RequestId</c> (a retried
/// step whose purchase Partner Center's listing does not show yet), and the look for an earlier purchase by name (an
/// operation started again under its next id, whose request ids are new). Each gateway is its own: the emulator's
/// conduct changes.
/// </summary>
public sealed class PurchaseIdempotencyTests
{
    [Fact]
    public async Task A_purchase_whose_answer_was_lost_and_that_the_listing_does_not_show_yet_is_bought_once_by_its_request_id()
    {
        // One attempt per call: the lost answer fails the step, and the step's next run must not buy again although
        // the listing it looks in first does not show the purchase yet.
        using var gateway = ApsGateway.Start(("Provisioning:ActivationPollInterval", "00:00:00.100"), ("PartnerCenter:MaxAttempts", "1"));
        await using var scenario = await StartAsync(gateway);
        gateway.Microsoft.Options.ListingLagReads = 1;
        gateway.Microsoft.DropConnectionAfterActionOnce("POST", "/orders");
        var replaysBefore = gateway.Microsoft.Snapshot().Replays;

        var (_, outcome) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 3))));

        Assert.True(outcome.Status == HttpStatusCode.OK, outcome.Message);
        var customer = CustomerOf(gateway.Microsoft, outcome);
        Assert.Equal(1, customer.Orders);
        Assert.Single(customer.Subscriptions);
        Assert.True(gateway.Microsoft.Snapshot().Replays > replaysBefore, "The repeated order was not answered from the request id's replay.");
    }

    [Fact]
    public async Task An_operation_started_again_under_its_next_id_after_its_purchase_went_through_buys_nothing_again()
    {
        using var gateway = ApsGateway.Start(("Provisioning:ActivationPollInterval", "00:00:00.100"), ("Provisioning:ActivationTimeout", "00:00:01"));
        await using var scenario = await StartAsync(gateway);
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 3)));
        order["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "http://o365functions.local/aps/tenants/1.0" };
        gateway.Microsoft.Options.ProvisioningDelay = TimeSpan.FromHours(1);

        var (_, failed) = await scenario.Controller.ProvisionAsync("tenants", order);
        gateway.Microsoft.Options.ProvisioningDelay = TimeSpan.Zero;
        var (_, retried) = await scenario.Controller.ProvisionAsync("tenants", order);
        var customer = CustomerOf(gateway.Microsoft, retried);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal(1, customer.Orders);
        Assert.Single(customer.Subscriptions);
    }
}
