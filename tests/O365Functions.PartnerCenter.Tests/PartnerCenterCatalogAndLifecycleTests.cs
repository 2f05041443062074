using System.Text.Json;
using O365Functions.PartnerCenter.Models;

namespace O365Functions.PartnerCenter.Tests;

public sealed class PartnerCenterCatalogAndLifecycleTests
{
    private const string E1 = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
    private const string E3 = "796b6b5f-613c-4e24-a17c-eba730d49c02";
    private const string PhoneSystem = "4260988e-990d-479c-ae7b-f01ce8e1bb4d";
    private const string BusinessPremiumTrial = "c0bd2e08-11ac-4836-bdc7-3712e744922f";
    private const string BusinessPremium = "031c9e47-4802-4248-838e-778fb1d2cc05";

    [Fact]
    public async Task Offers_add_ons_and_the_new_commerce_catalog_read_through()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();

        var offers = await client.ListOffersAsync("US").ToListAsync();
        var addons = await client.ListOfferAddonsAsync(E3, "US").ToListAsync();
        var product = (await client.ListProductsAsync("US", "OnlineServicesNCE")).Items.Single();
        var sku = (await client.ListSkusAsync(product.Id!, "US")).Items.Single();
        var availability = (await client.ListAvailabilitiesAsync(product.Id!, sku.Id!, "US")).Items.Single();

        Assert.Equal(9, offers.Count);
        Assert.Contains(offers, o => o.Id!.Equals(BusinessPremiumTrial, StringComparison.OrdinalIgnoreCase) && o.IsTrial);
        Assert.Equal(PhoneSystem, addons.Single().Id, ignoreCase: true);
        Assert.True(addons.Single().IsAddOn);
        Assert.Equal($"{product.Id}:{sku.Id}:{availability.Id}", availability.CatalogItemId);
    }

    [Fact]
    public async Task A_cart_is_updated_checked_out_once_and_refused_a_second_time()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Trey"))).Id!;
        await client.AttestCustomerAgreementAsync(customer, new CustomerAgreement
        {
            PrimaryContact = new AgreementContact("Ada", "Lovelace", "ada@trey.example"),
            TemplateId = "117a77b0-9360-443b-8795-c6dedc750cf9",
            DateAgreed = DateTimeOffset.UtcNow,
        });
        var item = new CartLineItem { Id = 0, CatalogItemId = "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF", Quantity = 5, BillingCycle = BillingCycle.Monthly, TermDuration = "P1M" };

        var cart = await client.CreateCartAsync(customer, new Cart { LineItems = [item] });
        var updated = await client.UpdateCartAsync(customer, cart with { LineItems = [item with { Quantity = 7 }] });
        var result = await client.CheckoutCartAsync(customer, cart.Id!);
        var again = await Assert.ThrowsAsync<PartnerCenterException>(() => client.CheckoutCartAsync(customer, cart.Id!));

        Assert.Equal("Active", updated.Status);
        Assert.Equal(7, result.Orders.Single().LineItems.Single().Quantity);
        Assert.Empty(result.OrderErrors);
        Assert.Equal("800065", again.ErrorCode);
    }

    [Fact]
    public async Task Cart_lines_keep_their_participants_and_read_back_their_order_group_and_errors()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Fabrikam"))).Id!;
        await client.AttestCustomerAgreementAsync(customer, new CustomerAgreement
        {
            PrimaryContact = new AgreementContact("Ada", "Lovelace", "ada@fabrikam.example"),
            TemplateId = "117a77b0-9360-443b-8795-c6dedc750cf9",
            DateAgreed = DateTimeOffset.UtcNow,
        });
        var good = new CartLineItem
        {
            Id = 0,
            CatalogItemId = "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF",
            Quantity = 5,
            BillingCycle = BillingCycle.Monthly,
            TermDuration = "P1M",
            Participants = [new CartParticipant(CartParticipant.TransactionReseller, "1234567")],
        };
        var noCycle = new CartLineItem { Id = 1, CatalogItemId = "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF", Quantity = 2, TermDuration = "P1M" };

        var cart = await client.CreateCartAsync(customer, new Cart { LineItems = [good, noCycle] });
        var result = await client.CheckoutCartAsync(customer, cart.Id!);

        var kept = cart.LineItems.Single(l => l.Id == 0);
        var refused = cart.LineItems.Single(l => l.Id == 1);
        Assert.Equal("0", kept.OrderGroup);
        Assert.Null(kept.Error);
        Assert.Equal(new CartParticipant("transaction_reseller", "1234567"), kept.Participants!.Single());
        Assert.Equal("10010", refused.Error!.ErrorCode);
        Assert.Contains("billingCycle", refused.Error.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(5, result.Orders.Single().LineItems.Single().Quantity);
        Assert.Equal("10010", result.OrderErrors.Single().Code);
    }

    [Fact]
    public void Request_bodies_carry_only_what_the_caller_set()
    {
        var line = JsonSerializer.Serialize(new CartLineItem { Id = 1, CatalogItemId = "a:b:c", Quantity = 2 }, Http.PartnerCenterJson.Options);
        var subscription = JsonSerializer.Serialize(new Subscription { Id = "s1", Quantity = 3 }, Http.PartnerCenterJson.Options);
        var suspended = JsonSerializer.Serialize(new Subscription { Id = "s1", Quantity = 3, Status = SubscriptionStatus.Suspended }, Http.PartnerCenterJson.Options);

        Assert.DoesNotContain("billingCycle", line, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown", line, StringComparison.Ordinal);
        Assert.DoesNotContain("status", subscription, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown", subscription, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"suspended\"", suspended, StringComparison.Ordinal);
    }

    [Fact]
    public void Suspension_reasons_license_warnings_and_the_units_of_subscribed_skus_are_read()
    {
        var subscription = JsonSerializer.Deserialize<Subscription>("""{"id":"s1","status":"suspended","suspensionReasons":["CustomerInitiated"]}""", Http.PartnerCenterJson.Options)!;
        var update = JsonSerializer.Deserialize<LicenseUpdate>(
            """{"licensesToAssign":[],"licenseWarnings":[{"code":"ConflictingServicePlans","message":"Two plans conflict.","servicePlans":["EXCHANGE_S_STANDARD"]}]}""",
            Http.PartnerCenterJson.Options)!;

        Assert.Equal("CustomerInitiated", subscription.SuspensionReasons!.Single());
        Assert.Equal("ConflictingServicePlans", update.LicenseWarnings!.Single().Code);
        Assert.Equal("EXCHANGE_S_STANDARD", update.LicenseWarnings![0].ServicePlans.Single());
    }

    [Fact]
    public async Task Subscribed_skus_count_the_seats_of_suspended_subscriptions_apart()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Wingtip"))).Id!;
        await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E3, 5));
        var second = (await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E3, 3))).LineItems.Single().SubscriptionId!;
        await client.UpdateSubscriptionAsync(customer, (await client.GetSubscriptionAsync(customer, second)) with { Status = SubscriptionStatus.Suspended });

        var sku = (await client.ListSubscribedSkusAsync(customer)).Items.Single();

        Assert.Equal(5, sku.ActiveUnits);
        Assert.Equal(3, sku.SuspendedUnits);
        Assert.Equal(8, sku.TotalUnits);
        Assert.Equal(0, sku.WarningUnits);
    }

    [Fact]
    public async Task Customer_users_get_licenses_from_the_subscribed_skus_until_none_are_left()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Margie"))).Id!;
        await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E3, 1));
        var jane = await client.CreateUserAsync(customer, NewUser("jane"));
        var john = await client.CreateUserAsync(customer, NewUser("john"));
        var sku = (await client.ListSubscribedSkusAsync(customer)).Items.Single();

        var assigned = await client.UpdateLicensesAsync(customer, jane.Id!, new LicenseUpdate { LicensesToAssign = [new LicenseAssignment(sku.ProductSku!.Id!)] });
        var exhausted = await Assert.ThrowsAsync<PartnerCenterException>(() =>
            client.UpdateLicensesAsync(customer, john.Id!, new LicenseUpdate { LicensesToAssign = [new LicenseAssignment(sku.ProductSku!.Id!)] }));
        var after = (await client.ListSubscribedSkusAsync(customer)).Items.Single();
        await client.DeleteUserAsync(customer, john.Id!);

        Assert.Equal((1, 0), (sku.AvailableUnits, sku.ConsumedUnits));
        Assert.Equal(sku.ProductSku!.Id, assigned.LicensesToAssign!.Single().SkuId);
        Assert.Equal("60012", exhausted.ErrorCode);
        Assert.Equal((0, 1), (after.AvailableUnits, after.ConsumedUnits));
        Assert.Equal("ENTERPRISEPACK", after.ProductSku!.SkuPartNumber);
        Assert.Equal("jane@margie.example", (await client.GetUserAsync(customer, jane.Id!)).UserPrincipalName);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Assert.ThrowsAsync<PartnerCenterException>(() => client.GetUserAsync(customer, john.Id!))).StatusCode);
    }

    [Fact]
    public async Task E1_upgrades_to_E3_and_a_trial_converts_to_paid()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Lucerne"))).Id!;
        var e1 = (await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E1, 4))).LineItems.Single().SubscriptionId!;
        var trial = (await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(BusinessPremiumTrial, 25))).LineItems.Single().SubscriptionId!;

        var upgrade = (await client.ListUpgradesAsync(customer, e1)).Items.Single();
        var upgraded = await client.UpgradeSubscriptionAsync(customer, e1, upgrade);
        var conversion = (await client.ListConversionsAsync(customer, trial)).Items.Single();
        var converted = await client.ConvertTrialAsync(customer, trial, conversion);

        Assert.Equal(E3, upgrade.TargetOffer!.Id, ignoreCase: true);
        Assert.True(upgrade.IsEligible);
        Assert.Equal(SubscriptionStatus.Deleted, (await client.GetSubscriptionAsync(customer, e1)).Status);
        Assert.Equal(4, (await client.GetSubscriptionAsync(customer, upgraded.TargetSubscriptionId!)).Quantity);
        Assert.Equal(BusinessPremium, conversion.TargetOfferId);
        Assert.Equal(BusinessPremium, (await client.GetSubscriptionAsync(customer, converted.SubscriptionId!)).OfferId);
    }

    [Fact]
    public async Task An_upgrade_Partner_Center_answers_200_with_upgrade_errors_is_a_failure_with_its_reason()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Margie"))).Id!;
        var e1 = (await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E1, 4))).LineItems.Single().SubscriptionId!;
        var active = await client.GetSubscriptionAsync(customer, e1);
        await client.UpdateSubscriptionAsync(customer, active with { Status = SubscriptionStatus.Suspended });

        var upgrade = (await client.ListUpgradesAsync(customer, e1)).Items.Single();
        var error = await Assert.ThrowsAsync<SubscriptionUpgradeException>(() => client.UpgradeSubscriptionAsync(customer, e1, upgrade));

        Assert.False(upgrade.IsEligible);
        Assert.Equal("subscription_status_not_active", upgrade.UpgradeErrors.Single().Code);
        Assert.Contains("subscription_status_not_active", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Result.TargetSubscriptionId);
        Assert.Equal(SubscriptionStatus.Suspended, (await client.GetSubscriptionAsync(customer, e1)).Status);
    }

    [Fact]
    public async Task An_upgrade_answered_200_with_license_errors_is_a_failure_naming_the_users()
    {
        const string answer = """
            {"sourceSubscriptionId":"s1","targetSubscriptionId":"s2","upgradeType":"upgrade_with_license_transfer","upgradeErrors":[],
             "licenseErrors":[{"userObjectId":"u1","name":"Ada Lovelace","email":"ada@contoso.com","errors":[{"code":"license_transfer_failed","description":"No seat was free."}]}]}
            """;
        using var handler = new ScriptedHandler();
        handler.Answer(System.Net.HttpStatusCode.OK, answer);
        using var http = new HttpClient(handler, disposeHandler: false);
        var options = new PartnerCenterOptions { BaseUri = new Uri("https://partner.example/"), PartnerTenantId = "p1" };
        using var limiters = new Http.PartnerRateLimiters();
        var client = new PartnerCenterClient(new Http.PartnerCenterTransport(http, options, new FixedTokenSource(), limiters), options);

        var error = await Assert.ThrowsAsync<SubscriptionUpgradeException>(() => client.UpgradeSubscriptionAsync("c1", "s1", new Upgrade()));

        Assert.Contains("Ada Lovelace", error.Message, StringComparison.Ordinal);
        Assert.Contains("license_transfer_failed: No seat was free.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Target subscription s2 exists", error.Message, StringComparison.Ordinal);
        Assert.Equal("s2", error.Result.TargetSubscriptionId);
    }

    private static CustomerUser NewUser(string alias) => new()
    {
        UserPrincipalName = $"{alias}@margie.example",
        FirstName = alias,
        LastName = "Doe",
        DisplayName = alias,
        UsageLocation = "US",
        PasswordProfile = new PasswordProfile("Emulated-" + Guid.NewGuid().ToString("N")[..10]),
    };
}
