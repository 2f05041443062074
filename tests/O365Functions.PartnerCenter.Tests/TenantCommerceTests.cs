using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;
using O365Functions.Emulators;
using O365Functions.PartnerCenter.Adapters;
using O365Functions.PartnerCenter.Http;
using O365Functions.PartnerCenter.Instances;
using O365Functions.PartnerCenter.Models;
using O365Functions.Storage.Sqlite;
using StatusAtMicrosoft = O365Functions.Core.State.Records.SubscriptionStatus;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>
/// The purchase step of the Partner Center adapter on its own, against the Microsoft emulator: what it buys, where,
/// under which names, and that running it again, or under another operation, buys nothing twice.
/// </summary>
public sealed class TenantCommerceTests
{
    private const string BusinessPremium = "031c9e47-4802-4248-838e-778fb1d2cc05";
    private const string E3 = "796b6b5f-613c-4e24-a17c-eba730d49c02";
    private const string ExtraFileStorage = "53fc25f7-6639-4f78-bb44-3c2dfec3ed40";
    private const string NewCommerceItem = "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF";
    private const string Reseller = "1234567";
    private const string Orders = "POST /v1/customers/{customerId}/orders";
    private const string Listings = "GET /v1/customers/{customerId}/subscriptions";
    private const string SubscriptionReads = "GET /v1/customers/{customerId}/subscriptions/{subscriptionId}";

    [Fact]
    public async Task Legacy_licenses_are_bought_in_one_order_per_billing_cycle_under_their_names_with_the_reseller_on_record()
    {
        await using var side = await CommerceSide.StartAsync();
        var customer = await side.NewCustomerAsync();

        var bought = await side.Commerce.PurchaseAsync(Call("op-1"), customer,
            [Line("bp", BusinessPremium, 3, "monthly"), Line("e3", E3, 2, "annual")], Reseller, CancellationToken.None);

        Assert.Null(bought.Refusal);
        Assert.Equal(
            [("bp", BusinessPremium, 3), ("e3", E3, 2)],
            bought.Value!.Select(s => (s.FriendlyName, s.OfferId, s.Quantity)).OrderBy(s => s.FriendlyName));
        var held = side.Emulator.Customers().Single(c => c.Id == customer);
        Assert.Equal(2, held.Orders);
        Assert.All(held.Subscriptions, s => Assert.Equal(Reseller, s.PartnerIdOnRecord));
    }

    [Fact]
    public async Task A_step_run_again_answers_with_what_it_bought_without_ordering_again()
    {
        await using var side = await CommerceSide.StartAsync();
        var customer = await side.NewCustomerAsync();
        var call = Call("op-1");

        var first = await side.Commerce.PurchaseAsync(call, customer, [Line("bp", BusinessPremium, 3)], null, CancellationToken.None);
        var again = await side.Commerce.PurchaseAsync(call, customer, [Line("bp", BusinessPremium, 3)], null, CancellationToken.None);

        Assert.Equal(first.Value!.Select(s => s.SubscriptionId), again.Value!.Select(s => s.SubscriptionId));
        Assert.Equal(1, side.Emulator.Snapshot().Calls[Orders]);
    }

    [Fact]
    public async Task Another_operation_buying_a_name_already_bought_or_still_pending_buys_nothing()
    {
        await using var side = await CommerceSide.StartAsync(emulator => emulator.ProvisioningDelay = TimeSpan.FromHours(1));
        var customer = await side.NewCustomerAsync();

        await side.Commerce.PurchaseAsync(Call("op-1"), customer, [Line("bp", BusinessPremium, 3)], null, CancellationToken.None);
        var pending = side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions.Single().Status;
        var restarted = await side.Commerce.PurchaseAsync(Call("op-1_2"), customer, [Line("bp", BusinessPremium, 3)], null, CancellationToken.None);

        Assert.Equal("pending", pending);
        Assert.Single(restarted.Value!);
        Assert.Equal(1, side.Emulator.Customers().Single(c => c.Id == customer).Orders);
    }

    [Fact]
    public async Task A_name_held_only_by_a_suspended_subscription_is_bought_again_and_the_answer_lists_both()
    {
        await using var side = await CommerceSide.StartAsync();
        var customer = await side.NewCustomerAsync();
        var first = await side.Commerce.PurchaseAsync(Call("op-1"), customer, [Line("bp", BusinessPremium, 3)], null, CancellationToken.None);
        side.Emulator.ChangeSubscription(first.Value!.Single().SubscriptionId, status: "suspended");

        var second = await side.Commerce.PurchaseAsync(Call("op-2"), customer, [Line("bp", BusinessPremium, 3)], null, CancellationToken.None);

        Assert.Equal(2, side.Emulator.Customers().Single(c => c.Id == customer).Orders);
        Assert.Equal([StatusAtMicrosoft.Active, StatusAtMicrosoft.Suspended], second.Value!.Select(s => s.Status).Order());
    }

    [Fact]
    public async Task A_legacy_add_on_is_added_to_its_parent_s_order_which_is_read_from_the_parent_only_when_not_known()
    {
        await using var side = await CommerceSide.StartAsync();
        var customer = await side.NewCustomerAsync();
        var parent = (await side.Commerce.PurchaseAsync(Call("op-1"), customer, [Line("bp", BusinessPremium, 3)], null, CancellationToken.None)).Value!.Single();
        var before = side.Emulator.Snapshot().Calls;

        var storage = await side.Commerce.PurchaseAsync(Call("op-2"), customer,
            [Line("storage", ExtraFileStorage, 2, parent: parent.SubscriptionId)], Reseller, CancellationToken.None);
        var afterUnknown = side.Emulator.Snapshot().Calls;
        await side.Commerce.PurchaseAsync(Call("op-3"), customer,
            [Line("archiving", "2828be95-46ba-4f91-b2fd-0bef192ecf60", 1, parent: parent.SubscriptionId, parentOrder: parent.OrderId)], null, CancellationToken.None);
        var afterKnown = side.Emulator.Snapshot().Calls;

        var addOn = storage.Value!.Single(s => s.FriendlyName == "storage");
        Assert.Equal((parent.SubscriptionId, parent.OrderId, 2), (addOn.ParentSubscriptionId, addOn.OrderId, addOn.Quantity));
        Assert.Equal(1, side.Emulator.Customers().Single(c => c.Id == customer).Orders);
        Assert.Equal(Reseller, side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions.Single(s => s.FriendlyName == "storage").PartnerIdOnRecord);
        Assert.Equal((1, 1), (Delta(before, afterUnknown, SubscriptionReads), Delta(before, afterUnknown, Listings)));
        Assert.Equal((0, 1), (Delta(afterUnknown, afterKnown, SubscriptionReads), Delta(afterUnknown, afterKnown, Listings)));
        Assert.Equal(0, Delta(before, afterKnown, Orders));
    }

    [Fact]
    public async Task A_purchase_of_a_license_beside_a_legacy_add_on_looks_for_the_license_first_so_another_operation_buys_neither_again()
    {
        await using var side = await CommerceSide.StartAsync();
        var customer = await side.NewCustomerAsync();
        var parent = (await side.Commerce.PurchaseAsync(Call("op-1"), customer, [Line("bp", BusinessPremium, 3)], null, CancellationToken.None)).Value!.Single();
        PurchaseLine[] lines = [Line("e3", E3, 2), Line("storage", ExtraFileStorage, 1, parent: parent.SubscriptionId, parentOrder: parent.OrderId)];

        await side.Commerce.PurchaseAsync(Call("op-2"), customer, lines, null, CancellationToken.None);
        var again = await side.Commerce.PurchaseAsync(Call("op-3"), customer, lines, null, CancellationToken.None);

        Assert.Equal(["bp", "e3", "storage"], again.Value!.Select(s => s.FriendlyName).Order());
        Assert.Equal(3, side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions.Count);
    }

    [Fact]
    public async Task New_commerce_items_are_bought_through_one_cart_for_a_month_unless_a_term_is_given_with_the_reseller_as_participant()
    {
        await using var side = await CommerceSide.StartAsync();
        var customer = await side.NewCustomerAsync(attested: true);

        var bought = await side.Commerce.PurchaseAsync(Call("op-1"), customer,
            [Line("nce-month", NewCommerceItem, 2), Line("nce-year", NewCommerceItem, 1, term: "P1Y", cycle: "annual")], Reseller, CancellationToken.None);

        Assert.Null(bought.Refusal);
        var client = side.PartnerCenter();
        var terms = new List<(string?, string?, BillingCycle)>();
        foreach (var subscription in bought.Value!.OrderBy(s => s.FriendlyName))
        {
            var read = await client.GetSubscriptionAsync(customer, subscription.SubscriptionId);
            terms.Add((read.FriendlyName, read.TermDuration, read.BillingCycle));
        }

        Assert.Equal([("nce-month", "P1M", BillingCycle.Monthly), ("nce-year", "P1Y", BillingCycle.Annual)], terms);
        Assert.All(side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions, s => Assert.Equal(Reseller, s.PartnerIdOnRecord));
        var calls = side.Emulator.Snapshot().Calls;
        Assert.Equal((1, 1, 0), (calls["POST /v1/customers/{customerId}/carts"], calls["POST /v1/customers/{customerId}/carts/{cartId}/checkout"], calls.GetValueOrDefault(Orders)));
    }

    [Fact]
    public async Task A_cart_line_Microsoft_marks_wrong_refuses_the_purchase_naming_the_type_and_buys_nothing()
    {
        await using var side = await CommerceSide.StartAsync();
        var customer = await side.NewCustomerAsync(attested: true);

        var refused = await side.Commerce.PurchaseAsync(Call("op-1"), customer,
            [Line("fine", NewCommerceItem, 1), Line("unsold", "CFQ7TTC0LF8R:0001:NOTSOLD", 1), Line("unsold2", "CFQ7TTC0LF8R:0001:NOTSOLD2", 1)],
            null, CancellationToken.None);

        Assert.Null(refused.Value);
        Assert.Equal("10001", refused.Refusal!.Code);
        Assert.StartsWith("unsold (CFQ7TTC0LF8R:0001:NOTSOLD): 10001 ", refused.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains(". unsold2 (CFQ7TTC0LF8R:0001:NOTSOLD2): 10001 ", refused.Refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fine", refused.Refusal.Message, StringComparison.Ordinal);
        Assert.StartsWith("Nothing was bought from this cart. unsold, unsold2: ", refused.Refusal.Advice, StringComparison.Ordinal);
        Assert.Empty(side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions);
        Assert.False(side.Emulator.Snapshot().Calls.ContainsKey("POST /v1/customers/{customerId}/carts/{cartId}/checkout"));
    }

    [Fact]
    public async Task Microsoft_s_refusal_of_an_order_is_the_step_s_answer_not_an_exception()
    {
        await using var side = await CommerceSide.StartAsync();
        var customer = await side.NewCustomerAsync();

        var refused = await side.Commerce.PurchaseAsync(Call("op-1"), customer, [Line("bp", BusinessPremium, 301)], null, CancellationToken.None);

        Assert.Null(refused.Value);
        Assert.Equal("2002", refused.Refusal!.Code);
        Assert.Empty(side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions);
    }

    [Fact]
    public async Task Every_call_of_an_operation_carries_its_correlation_id()
    {
        await using var side = await CommerceSide.StartAsync();
        var customer = await side.NewCustomerAsync();
        var call = Call("op-correlated");

        await side.Commerce.PurchaseAsync(call, customer, [Line("bp", BusinessPremium, 1)], null, CancellationToken.None);

        Assert.Equal(3, side.Emulator.Ledger.CallsByCorrelationId[call.CorrelationId.ToString()]);
    }

    [Fact]
    public async Task A_customer_is_created_on_its_free_domain_with_its_billing_profile_and_its_admin_named_at_that_domain()
    {
        await using var side = await CommerceSide.StartAsync();
        var order = Order("bluefin" + Unique());

        var created = await side.Commerce.CreateCustomerAsync(Call("op-1"), order, CancellationToken.None);

        var customer = created.Value!;
        Assert.Equal(order.Domain, customer.Domain);
        Assert.Equal($"admin@{order.Domain}", customer.AdminLogin);
        Assert.StartsWith("Emulated-", customer.AdminPassword, StringComparison.Ordinal);
        var held = side.Emulator.Customers().Single(c => c.Id == customer.CustomerId);
        Assert.Equal((order.Domain, "Bluefin Ltd", "billing@bluefin.example", "US"), (held.Domain, held.CompanyName, held.BillingEmail, held.Country));
    }

    [Fact]
    public async Task A_customer_without_a_billing_email_of_its_own_is_billed_to_its_contact()
    {
        await using var side = await CommerceSide.StartAsync();
        var order = Order("bluefin" + Unique()) with { Commerce = null };

        var created = await side.Commerce.CreateCustomerAsync(Call("op-1"), order, CancellationToken.None);

        Assert.Equal("ada@bluefin.example", side.Emulator.Customers().Single(c => c.Id == created.Value!.CustomerId).BillingEmail);
    }

    [Fact]
    public async Task Creating_a_customer_again_finds_the_one_created_before_and_creates_none()
    {
        await using var side = await CommerceSide.StartAsync();
        var order = Order("bluefin" + Unique());
        var first = await side.Commerce.CreateCustomerAsync(Call("op-1"), order, CancellationToken.None);

        var again = await side.Commerce.CreateCustomerAsync(Call("op-1_2"), order, CancellationToken.None);

        Assert.Equal(new CreatedCustomer(first.Value!.CustomerId, order.Domain, null, null), again.Value);
        Assert.Equal(1, side.Emulator.Snapshot().Calls["POST /v1/customers"]);
    }

    [Fact]
    public async Task A_domain_another_organization_holds_is_refused_unless_the_prefix_was_derived_then_the_next_numbered_one_is_taken()
    {
        await using var side = await CommerceSide.StartAsync();
        var prefix = "bluefin" + Unique();
        side.Emulator.AddForeignOrganization($"{prefix}.onmicrosoft.com");

        var asked = await side.Commerce.CreateCustomerAsync(Call("op-1"), Order(prefix), CancellationToken.None);
        var derived = await side.Commerce.CreateCustomerAsync(Call("op-2"), Order(prefix, derived: true), CancellationToken.None);

        Assert.Equal(new CommerceRefusal("DomainTaken", $"{prefix}.onmicrosoft.com is already taken in Microsoft 365.", "Choose another domainPrefix."), asked.Refusal);
        Assert.Equal($"{prefix}2.onmicrosoft.com", derived.Value!.Domain);
        Assert.Equal(1, side.Emulator.Snapshot().Calls["POST /v1/customers"]);
    }

    [Fact]
    public async Task A_derived_prefix_whose_alternatives_are_all_taken_is_refused_naming_them()
    {
        await using var side = await CommerceSide.StartAsync();
        var prefix = "bluefin" + Unique();
        foreach (var candidate in DomainPrefixes.Candidates(prefix))
        {
            side.Emulator.AddForeignOrganization($"{candidate}.onmicrosoft.com");
        }

        var refused = await side.Commerce.CreateCustomerAsync(Call("op-1"), Order(prefix, derived: true), CancellationToken.None);

        Assert.Equal(("DomainTaken", $"{prefix}.onmicrosoft.com and its numbered alternatives are already taken in Microsoft 365."), (refused.Refusal!.Code, refused.Refusal.Message));
        Assert.False(side.Emulator.Snapshot().Calls.ContainsKey("POST /v1/customers"));
    }

    [Fact]
    public async Task An_address_Partner_Center_cannot_verify_is_refused_with_its_reason_and_no_customer_is_created()
    {
        await using var side = await CommerceSide.StartAsync();
        var order = Order("bluefin" + Unique()) with { Address = new PostalAddress("1 Main St", null, "Redmond", null, "98052") };

        var refused = await side.Commerce.CreateCustomerAsync(Call("op-1"), order, CancellationToken.None);

        Assert.Equal("AddressNotValid", refused.Refusal!.Code);
        Assert.Equal("Partner Center could not verify the address (None: The address is incomplete.).", refused.Refusal.Message);
        Assert.False(side.Emulator.Snapshot().Calls.ContainsKey("POST /v1/customers"));
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private static TenantOrder Order(string prefix, bool derived = false) => new(
        CommerceSide.Instance, "tenant-1", prefix, null, "Bluefin Ltd", "us",
        new PostalAddress("1 Main St", null, "Redmond", "WA", "98052"), new TenantContact("Ada", "Lovelace", "ada@bluefin.example", "+1 425 555 0100"),
        "en-US", "en", null, [],
        new CommerceOrigin(null, "subscription-1", new Dictionary<string, long>(), derived, "billing@bluefin.example"));

    private static CommerceCall Call(string operationId) => new(CommerceSide.Instance, operationId, "Purchase");

    private static PurchaseLine Line(string name, string offerId, int quantity, string cycle = "monthly", string? term = null, string? parent = null, string? parentOrder = null) =>
        new(name, offerId, quantity, name, parent, term, cycle, parentOrder);

    private static int Delta(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after, string call) =>
        after.GetValueOrDefault(call) - before.GetValueOrDefault(call);

    /// <summary>The emulator, an installed instance whose clients reach it, and the adapter over those clients.</summary>
    private sealed class CommerceSide : IAsyncDisposable
    {
        public const string Instance = "commerce-tests";
        private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-commerce-");
        private readonly MicrosoftSide _side;
        private readonly SqliteEntityStore _store;
        private readonly ServiceProvider _services;
        private readonly PartnerRateLimiters _limiters = new();
        private readonly InstanceMicrosoftClients _clients;

        private CommerceSide(MicrosoftSide side)
        {
            _side = side;
            _store = new SqliteEntityStore(Path.Combine(_data.FullName, "gateway.db"));
            Records = new GatewayRecords(_store);
            _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
            var policy = new MicrosoftEndpointPolicy { AllowCustomEndpoints = true };
            policy.AllowedEndpoints.Add(EmulatorOrigin);
            _clients = new InstanceMicrosoftClients(Records, side.Secrets, _services.GetRequiredService<IHttpClientFactory>(), _limiters, Options.Create(policy),
                Options.Create(new PartnerCenterOptions
                {
                    FirstRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromSeconds(5), OperationPollInterval = TimeSpan.FromMilliseconds(20),
                }));
            Commerce = new PartnerCenterTenantCommerce(_clients, TimeProvider.System);
        }

        public MicrosoftEmulator Emulator => _side.Emulator;

        /// <summary>The emulator's one origin: the instance's Partner Center, login and Graph endpoints, and the one the policy allows.</summary>
        public string EmulatorOrigin => Emulator.BaseUri.GetLeftPart(UriPartial.Authority);

        public GatewayRecords Records { get; }

        public PartnerCenterTenantCommerce Commerce { get; }

        public static async Task<CommerceSide> StartAsync(Action<MicrosoftEmulatorOptions>? configure = null)
        {
            var side = new CommerceSide(await MicrosoftSide.StartAsync(configure));
            var emulator = side.Emulator;
            var origin = side.EmulatorOrigin;
            await side._side.Secrets.SetAsync(InstanceSecretNames.ApplicationSecret(Instance), emulator.Options.ClientSecret);
            await side._side.Secrets.SetAsync(InstanceSecretNames.RefreshToken(Instance), emulator.Options.InitialRefreshToken);
            var records = await side.Records.GetAsync();
            await records.UpsertAsync(RecordKey.Instance(Instance), new ApplicationInstanceRecord(
                Instance, "global", emulator.Options.PartnerTenantId, emulator.Options.ClientId, "production", "direct", "US", ["US"], "en-US", "monthly",
                Endpoints: new MicrosoftEndpointsRecord(origin, origin, emulator.GraphBaseUri.AbsoluteUri[..^"/v1.0/".Length])));
            return side;
        }

        public PartnerCenterClient PartnerCenter() => _side.CreateClient();

        public async Task<string> NewCustomerAsync(bool attested = false)
        {
            var client = PartnerCenter();
            var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Contoso"))).Id!;
            if (attested)
            {
                await client.AttestCustomerAgreementAsync(customer, new CustomerAgreement
                {
                    PrimaryContact = new AgreementContact("Ada", "Lovelace", "ada@example.com"),
                    TemplateId = Emulator.Options.AgreementTemplateId,
                    DateAgreed = DateTimeOffset.UtcNow,
                });
            }

            return customer;
        }

        public async ValueTask DisposeAsync()
        {
            _clients.Dispose();
            _limiters.Dispose();
            await _services.DisposeAsync();
            await _side.DisposeAsync();
            _store.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _data.Delete(recursive: true);
        }
    }
}
