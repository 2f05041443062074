using System.Net;
using System.Text.Json.Nodes;
using O365Functions.Api.Tests.Aps;
using O365Functions.Emulators.PartnerCenter;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>Configure, disable, enable and unprovision of provisioned tenants, end to end.</summary>
public sealed class TenantChangeTests(ApsGatewayFixture fixture) : IClassFixture<ApsGatewayFixture>
{
    private const string BusinessPremium = "031c9e47-4802-4248-838e-778fb1d2cc05";
    private const string ExtraFileStorage = "53fc25f7-6639-4f78-bb44-3c2dfec3ed40";
    private const string Archiving = "2828be95-46ba-4f91-b2fd-0bef192ecf60";
    private const string BusinessPremiumTrial = "c0bd2e08-11ac-4836-bdc7-3712e744922f";
    private const string E1 = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
    private const string E3 = "796b6b5f-613c-4e24-a17c-eba730d49c02";

    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Configure_changes_quantities_buys_new_add_ons_and_ends_removed_ones()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 10), ("EXCHANGEARCHIVE_ADDON", 5))));
        var representation = scenario.Controller.Resources[id].DeepClone().AsObject();
        scenario.SetLimits(representation, Licenses(("O365_BUSINESS_PREMIUM", 12), ("SHAREPOINTSTORAGE", 2)));

        var configured = await scenario.Controller.ConfigureAsync("tenants", id, representation);
        var customer = Customer(created);

        Assert.Equal(HttpStatusCode.OK, configured.Status);
        Assert.Equal(12, customer.Subscriptions.Single(s => s.OfferId == BusinessPremium).Quantity);
        Assert.Equal("active", customer.Subscriptions.Single(s => s.OfferId == ExtraFileStorage).Status);
        Assert.Equal("suspended", customer.Subscriptions.Single(s => s.OfferId == Archiving).Status);
        Assert.Equal(
            ["O365_BUSINESS_PREMIUM", "SHAREPOINTSTORAGE"],
            configured.Body!["subscriptions"]!.AsArray().Select(s => s!["provisioningId"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Disable_suspends_every_subscription_enable_reactivates_them_and_disable_works_again()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 3), ("ATP_ENTERPRISE", 3))));

        var disabled = await scenario.Controller.OperationAsync(HttpMethod.Put, "tenants", id, "disable");
        var whileDisabled = Customer(created).Subscriptions.Select(s => s.Status).ToList();
        var enabled = await scenario.Controller.OperationAsync(HttpMethod.Put, "tenants", id, "enable");
        var whileEnabled = Customer(created).Subscriptions.Select(s => s.Status).ToList();
        var again = await scenario.Controller.OperationAsync(HttpMethod.Put, "tenants", id, "disable");

        Assert.Equal(HttpStatusCode.OK, disabled.Status);
        Assert.Equal(["suspended", "suspended"], whileDisabled);
        Assert.Equal(HttpStatusCode.OK, enabled.Status);
        Assert.Equal(["active", "active"], whileEnabled);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.All(Customer(created).Subscriptions, s => Assert.Equal("suspended", s.Status));
    }

    [Fact]
    public async Task Unprovisioning_ends_every_subscription_forgets_the_tenant_and_keeps_the_Microsoft_customer()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 3), ("M365_NCE", 2))));
        var subscribed = scenario.Controller.EventSubscriptions.Values.Count(s => s["resource"]!.GetValue<string>() == id);

        var removed = await scenario.Controller.UnprovisionAsync("tenants", id);
        var read = await scenario.Controller.RetrieveAsync("tenants", id);
        var customer = Customer(created);

        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal("suspended", customer.Subscriptions.Single(s => s.OfferId == BusinessPremium).Status);
        Assert.Equal("deleted", customer.Subscriptions.Single(s => s.OfferId == NewCommerceItem).Status);
        Assert.Equal(1, subscribed);
        Assert.DoesNotContain(scenario.Controller.EventSubscriptions.Values, s => s["resource"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Past_the_cancellation_window_a_reduction_is_scheduled_for_the_renewal_shown_and_raised_then_applied_and_an_ended_offer_stops_renewing()
    {
        // A gateway of its own: the emulator's clock moves a month ahead.
        using var gateway = ApsGateway.Start(("Provisioning:ActivationPollInterval", "00:00:00.100"));
        gateway.Microsoft.Options.CancellationWindow = TimeSpan.Zero;
        await using var scenario = await StartAsync(gateway);
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 3), ("M365_NCE", 5)));
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", order);
        var customer = created.Body!["tenantId"]!.GetValue<string>();
        EmulatedSubscriptionView Nce() => gateway.Microsoft.Customers().Single(c => c.Id == customer).Subscriptions.Single(s => s.OfferId == NewCommerceItem);

        scenario.SetLimits(order, Licenses(("O365_BUSINESS_PREMIUM", 3), ("M365_NCE", 4)));
        var reduced = await scenario.Controller.ConfigureAsync("tenants", id, (JsonObject)order.DeepClone());
        var seats = (await scenario.Controller.RetrieveAsync("tenants", id)).Body!["seats"]!.AsArray().Single(s => s!["provisioningId"]!.GetValue<string>() == "M365_NCE")!;
        var beforeRenewal = Nce();
        var sameAgain = Patches(gateway);
        var again = await scenario.Controller.ConfigureAsync("tenants", id, (JsonObject)order.DeepClone());
        var afterAgain = Patches(gateway);
        var other = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1), ("M365_NCE", 2)));
        var (otherId, otherCreated) = await scenario.Controller.ProvisionAsync("tenants", other);
        scenario.SetLimits(other, Licenses(("O365_BUSINESS_PREMIUM", 1)));
        var removed = await scenario.Controller.ConfigureAsync("tenants", otherId, (JsonObject)other.DeepClone());
        var otherNce = gateway.Microsoft.Customers().Single(c => c.Id == otherCreated.Body!["tenantId"]!.GetValue<string>()).Subscriptions.Single(s => s.OfferId == NewCommerceItem);
        gateway.Microsoft.Clock.Advance(TimeSpan.FromDays(32));
        var afterRenewal = Nce();

        Assert.Equal(HttpStatusCode.OK, reduced.Status);
        Assert.Contains("when its term renews", reduced.Body!["statusMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((5, 4), (seats["purchased"]!.GetValue<int>(), seats["pendingQuantity"]!.GetValue<int>()));
        Assert.True(DateTimeOffset.Parse(seats["pendingFrom"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddDays(27));
        Assert.Equal(4, seats["limit"]!.GetValue<long>());
        Assert.Equal(5, beforeRenewal.Quantity);
        var alert = Assert.Single(scenario.Controller.OperatorAlerts);
        Assert.Equal("warning", alert["type"]!.GetValue<string>());
        Assert.Contains("M365_NCE", alert["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(sameAgain, afterAgain);
        Assert.Equal(4, afterRenewal.Quantity);
        Assert.True(removed.Succeeded, removed.Message);
        Assert.Equal("suspended", otherNce.Status);
        Assert.False(otherNce.AutoRenewEnabled);
    }

    [Fact]
    public async Task When_Microsoft_says_the_window_closed_while_the_gateway_still_sees_it_open_the_past_window_rule_is_applied()
    {
        // A gateway of its own: Microsoft's clock runs eight days ahead of the gateway's, past the 7-day window.
        using var gateway = ApsGateway.Start(("Provisioning:ActivationPollInterval", "00:00:00.100"));
        await using var scenario = await StartAsync(gateway);
        var order = scenario.NewTenant(Licenses(("M365_NCE", 5)));
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", order);
        var other = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1), ("M365_NCE", 2)));
        var (otherId, otherCreated) = await scenario.Controller.ProvisionAsync("tenants", other);
        EmulatedSubscriptionView Nce(Emulators.Aps.ApsOutcome tenant) => CustomerOf(gateway.Microsoft, tenant).Subscriptions.Single(s => s.OfferId == NewCommerceItem);
        gateway.Microsoft.Clock.Advance(TimeSpan.FromDays(8));

        scenario.SetLimits(order, Licenses(("M365_NCE", 3)));
        var reduced = await scenario.Controller.ConfigureAsync("tenants", id, (JsonObject)order.DeepClone());
        scenario.SetLimits(other, Licenses(("O365_BUSINESS_PREMIUM", 1)));
        var ended = await scenario.Controller.ConfigureAsync("tenants", otherId, (JsonObject)other.DeepClone());
        var seats = (await scenario.Controller.RetrieveAsync("tenants", id)).Body!["seats"]!.AsArray().Single(s => s!["provisioningId"]!.GetValue<string>() == "M365_NCE")!;

        Assert.True(reduced.Succeeded, reduced.Message);
        Assert.Contains("when its term renews", reduced.Body!["statusMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(5, Nce(created).Quantity);
        Assert.Equal((5, 3), (seats["purchased"]!.GetValue<int>(), seats["pendingQuantity"]!.GetValue<int>()));
        Assert.True(ended.Succeeded, ended.Message);
        Assert.Equal(("suspended", false), (Nce(otherCreated).Status, Nce(otherCreated).AutoRenewEnabled));
    }

    [Fact]
    public async Task E1_replaced_by_E3_in_the_licenses_is_upgraded_with_its_seats_instead_of_ended_and_bought_again()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("STANDARDPACK", 5))));
        var representation = scenario.Controller.Resources[id].DeepClone().AsObject();
        scenario.SetLimits(representation, Licenses(("ENTERPRISEPACK", 7)));

        var upgraded = await scenario.Controller.ConfigureAsync("tenants", id, representation);
        var customer = Customer(created);

        Assert.Equal(HttpStatusCode.OK, upgraded.Status);
        Assert.Equal(1, customer.Orders);
        Assert.Equal("deleted", customer.Subscriptions.Single(s => s.OfferId == E1).Status);
        var e3 = customer.Subscriptions.Single(s => string.Equals(s.OfferId, E3, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(("active", 7), (e3.Status, e3.Quantity));
        Assert.StartsWith("ENTERPRISEPACK ", e3.FriendlyName, StringComparison.Ordinal);
        Assert.Equal("ENTERPRISEPACK", upgraded.Body!["subscriptions"]!.AsArray().Single()!["provisioningId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_upgrade_Microsoft_finds_ineligible_is_refused_with_its_reason_and_changes_nothing()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("STANDARDPACK", 5))));
        SucceededOrThrow(await scenario.Controller.OperationAsync(HttpMethod.Put, "tenants", id, "disable"));
        var representation = scenario.Controller.Resources[id].DeepClone().AsObject();
        scenario.SetLimits(representation, Licenses(("ENTERPRISEPACK", 5)));

        var refused = await scenario.Controller.ConfigureAsync("tenants", id, representation);
        var customer = Customer(created);

        Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
        Assert.Contains("subscription_status_not_active", refused.Message, StringComparison.Ordinal);
        Assert.Equal("suspended", customer.Subscriptions.Single().Status);
        Assert.Equal(E1, customer.Subscriptions.Single().OfferId);
    }

    [Fact]
    public async Task A_trial_is_bought_as_a_trial_and_later_converted_to_the_paid_offer_with_the_limit_asked()
    {
        await using var scenario = await StartAsync(Gateway);
        var trial = Licenses(("O365_BUSINESS_PREMIUM", 25));
        trial["O365_BUSINESS_PREMIUM"]!["trial"] = true;
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(trial));
        var bought = Customer(created).Subscriptions.Single();
        var representation = scenario.Controller.Resources[id].DeepClone().AsObject();
        scenario.SetLimits(representation, Licenses(("O365_BUSINESS_PREMIUM", 10)));

        var converted = await scenario.Controller.ConfigureAsync("tenants", id, representation);
        var customer = Customer(created);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(BusinessPremiumTrial, bought.OfferId);
        Assert.Equal(HttpStatusCode.OK, converted.Status);
        Assert.Equal("deleted", customer.Subscriptions.Single(s => s.OfferId == BusinessPremiumTrial).Status);
        var paid = customer.Subscriptions.Single(s => s.OfferId == BusinessPremium);
        Assert.Equal(("active", 10), (paid.Status, paid.Quantity));
        Assert.Equal(paid.Id, converted.Body!["subscriptions"]!.AsArray().Single()!["subscriptionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_trial_of_a_type_without_one_is_refused_in_the_sync_phase()
    {
        await using var scenario = await StartAsync(Gateway);
        var order = Licenses(("ENTERPRISEPACK", 5));
        order["ENTERPRISEPACK"]!["trial"] = true;

        var (_, refused) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(order));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("NoTrial", refused.Body!["details"]![0]!["error"]!.GetValue<string>());
    }

    private static void SucceededOrThrow(Emulators.Aps.ApsOutcome outcome) => Ensure(outcome);

    private int Patches() => Patches(Gateway);

    private static int Patches(ApsGateway gateway) => gateway.Microsoft.Snapshot().Calls.GetValueOrDefault("PATCH /v1/customers/{customerId}/subscriptions/{subscriptionId}");

    private EmulatedCustomerView Customer(Emulators.Aps.ApsOutcome created) => CustomerOf(Gateway.Microsoft, created);
}
