using System.Net;
using System.Text.Json.Nodes;
using O365Functions.Api.Tests.Aps;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>New tenants end to end: APS controller emulator, local gateway over HTTPS, Microsoft emulator.</summary>
public sealed class TenantProvisioningTests(ApsGatewayFixture fixture) : IClassFixture<ApsGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Business_Premium_with_two_add_ons_is_bought_once_parents_first_and_the_result_reported()
    {
        await using var scenario = await StartAsync(Gateway);
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 10), ("EXCHANGEARCHIVE_ADDON", 5), ("ATP_ENTERPRISE", 3)));

        var (id, outcome) = await scenario.Controller.ProvisionAsync("tenants", order);
        var domain = $"{order["domainPrefix"]}.onmicrosoft.com";
        var customer = Gateway.Microsoft.Customers().Single(c => c.Domain == domain);
        var read = await scenario.Controller.RetrieveAsync("tenants", id);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal(customer.Id, outcome.Body!["tenantId"]!.GetValue<string>());
        Assert.Equal(domain, outcome.Body["initialDomain"]!.GetValue<string>());
        Assert.EndsWith("@" + domain, outcome.Body["adminLogin"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(outcome.Body["adminPassword"]?.GetValue<string>()));
        Assert.Null(read.Body!["adminPassword"]);
        Assert.Equal(10, read.Body.Purchased("O365_BUSINESS_PREMIUM"));
        Assert.True(customer.AgreementAttested);
        Assert.Equal(3, customer.Subscriptions.Count);
        var premium = customer.Subscriptions.Single(s => s.OfferId == "031c9e47-4802-4248-838e-778fb1d2cc05");
        Assert.All(customer.Subscriptions.Where(s => s != premium), addon => Assert.Equal(premium.Id, addon.ParentSubscriptionId));
        Assert.All(customer.Subscriptions, s => Assert.Equal("active", s.Status));
        Assert.Equal(3, outcome.Body["subscriptions"]!.AsArray().Count);
        Assert.NotEmpty(outcome.Info);
    }

    [Fact]
    public async Task The_same_order_sent_again_is_answered_from_the_first_and_buys_nothing_more()
    {
        await using var scenario = await StartAsync(Gateway);
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2), ("SHAREPOINTSTORAGE", 1)));
        order["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() };
        var (_, first) = await scenario.Controller.ProvisionAsync("tenants", order);
        var calls = Gateway.Microsoft.Snapshot().Calls.Values.Sum();

        var (_, again) = await scenario.Controller.ProvisionAsync("tenants", order);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Body!["tenantId"]!.ToJsonString(), again.Body!["tenantId"]!.ToJsonString());
        Assert.Null(again.Body["adminPassword"]);
        Assert.Equal(calls, Gateway.Microsoft.Snapshot().Calls.Values.Sum());
        Assert.Equal(2, Gateway.Microsoft.Customers().Single(c => c.Id == first.Body["tenantId"]!.GetValue<string>()).Subscriptions.Count);
    }

    [Fact]
    public async Task An_indirect_tenant_is_bought_with_the_reseller_as_partner_of_record_on_orders_and_carts()
    {
        await using var scenario = await StartAsync(Gateway, cspModel: "indirect");
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2), ("M365_NCE", 4)));
        order["resellerMpnId"] = "1234567";

        var (_, outcome) = await scenario.Controller.ProvisionAsync("tenants", order);
        var customer = Gateway.Microsoft.Customers().Single(c => c.Id == outcome.Body!["tenantId"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal(2, customer.Subscriptions.Count);
        Assert.All(customer.Subscriptions, s => Assert.Equal("1234567", s.PartnerIdOnRecord));
        Assert.Contains(customer.Subscriptions, s => s.OfferId == NewCommerceItem && s.Quantity == 4);
    }

    [Fact]
    public async Task An_indirect_order_naming_a_reseller_the_partner_does_not_have_is_refused_at_once_naming_it_and_nothing_is_created()
    {
        await using var scenario = await StartAsync(Gateway, cspModel: "indirect");
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2)));
        order["resellerMpnId"] = "7654321";
        var customers = Gateway.Microsoft.Customers().Count;

        var (_, outcome) = await scenario.Controller.ProvisionAsync("tenants", order);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        var detail = outcome.Body!["details"]!.AsArray().Single()!;
        Assert.Equal(("UnknownReseller", "resellerMpnId"), (detail["error"]!.GetValue<string>(), detail["field"]!.GetValue<string>()));
        Assert.Contains("7654321", detail["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(customers, Gateway.Microsoft.Customers().Count);
    }

    [Fact]
    public async Task A_cart_whose_lines_Microsoft_refuses_for_different_reasons_gives_each_line_its_own_advice()
    {
        await using var scenario = await StartAsync(Gateway);
        await scenario.LicenseAsync("M365_UNSOLD", "CFQ7TTC0LH18:0001:CFQ7TTC0K971", termDuration: "P1M");

        var (_, outcome) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("M365_NCE", 3000), ("M365_UNSOLD", 2))));

        Assert.Equal(HttpStatusCode.InternalServerError, outcome.Status);
        Assert.Contains("M365_NCE: The quantity is above the seats one subscription may have", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("M365_UNSOLD: The catalog item id does not exist in the customer's market", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("10015", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_domain_ends_the_operation_with_the_step_Microsofts_answer_and_what_to_do_and_buys_nothing()
    {
        await using var scenario = await StartAsync(Gateway);
        var customers = Gateway.Microsoft.Customers().Count;

        var (id, outcome) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1)), prefix: "contoso"));
        var read = await scenario.Controller.RetrieveAsync("tenants", id);

        Assert.Equal(HttpStatusCode.InternalServerError, outcome.Status);
        Assert.Equal("OperationFailed", outcome.Error);
        Assert.Contains("Create the customer", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("DomainTaken", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("Choose another domainPrefix", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(customers, Gateway.Microsoft.Customers().Count);
        Assert.Contains("DomainTaken", read.Body!["statusMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_country_the_partner_may_not_sell_in_is_refused_by_Microsoft_with_its_code()
    {
        await using var scenario = await StartAsync(Gateway, settings: s => s["catalogCountries"] = new JsonArray("US", "JP"));
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1)));
        order["country"] = "JP";

        var (_, outcome) = await scenario.Controller.ProvisionAsync("tenants", order);

        Assert.Equal(HttpStatusCode.InternalServerError, outcome.Status);
        Assert.Contains("(2030)", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("not authorized to sell in this country", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_add_on_without_its_parent_is_refused_in_the_sync_phase_and_nothing_is_started()
    {
        await using var scenario = await StartAsync(Gateway);
        var calls = Gateway.Microsoft.Snapshot().Calls.Values.Sum();

        var (_, outcome) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("MCOEV", 2))));

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal(0, outcome.Polls);
        Assert.Equal("seats.MCOEV", outcome.Body!["details"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(calls, Gateway.Microsoft.Snapshot().Calls.Values.Sum());
    }

    [Fact]
    public async Task Phone_System_is_bought_under_the_parent_the_order_has()
    {
        await using var scenario = await StartAsync(Gateway);

        var (_, outcome) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("ENTERPRISEPACK", 5), ("MCOEV", 5))));
        var customer = Gateway.Microsoft.Customers().Single(c => c.Id == outcome.Body!["tenantId"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        var e3 = customer.Subscriptions.Single(s => s.OfferId == "796b6b5f-613c-4e24-a17c-eba730d49c02");
        Assert.Equal(e3.Id, customer.Subscriptions.Single(s => s.OfferId == "4260988e-990d-479c-ae7b-f01ce8e1bb4d").ParentSubscriptionId);
    }
}
