using System.Net;
using O365Functions.PartnerCenter.Models;

namespace O365Functions.PartnerCenter.Tests;

public sealed class PartnerCenterClientTests
{
    private const string E3 = "796b6b5f-613c-4e24-a17c-eba730d49c02";
    private const string PhoneSystem = "4260988e-990d-479c-ae7b-f01ce8e1bb4d";

    [Fact]
    public async Task A_customer_in_a_country_the_partner_may_not_sell_in_is_refused_with_code_2030()
    {
        await using var side = await MicrosoftSide.StartAsync();

        var refused = await Assert.ThrowsAsync<PartnerCenterException>(() => side.CreateClient().CreateCustomerAsync(MicrosoftSide.NewCustomer("Adatum", "KP")));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("2030", refused.ErrorCode);
        Assert.False(refused.IsTransient);
        Assert.Equal(1, side.Emulator.Snapshot().Calls["POST /v1/customers"]);
    }

    [Fact]
    public async Task An_add_on_before_its_parent_is_active_is_refused_with_code_27009_and_accepted_after()
    {
        await using var side = await MicrosoftSide.StartAsync(emulator => emulator.ProvisioningDelay = TimeSpan.FromHours(1));
        var client = side.CreateClient();
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Proseware"));
        var order = await client.CreateOrderAsync(customer.Id!, MicrosoftSide.OrderOf(E3, 10));
        var parent = order.LineItems.Single().SubscriptionId!;
        var addon = new Order { LineItems = [new OrderLineItem { LineItemNumber = 1, OfferId = PhoneSystem, Quantity = 2, ParentSubscriptionId = parent }] };

        var refused = await Assert.ThrowsAsync<PartnerCenterException>(() => client.AddToOrderAsync(customer.Id!, order.Id!, addon));
        Assert.Equal(OrderStatus.Pending, order.Status);
        side.Emulator.Clock.Advance(TimeSpan.FromHours(1));
        var updated = await client.AddToOrderAsync(customer.Id!, order.Id!, addon);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("27009", refused.ErrorCode);
        Assert.Equal(OrderStatus.Completed, updated.Status);
        Assert.Equal(2, updated.LineItems.Count);
        Assert.Equal(parent, (await client.ListAddonSubscriptionsAsync(customer.Id!, parent)).Items.Single().ParentSubscriptionId);
    }

    [Fact]
    public async Task A_subscription_changes_under_its_etag_and_a_stale_etag_is_refused()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Wingtip"));
        var order = await client.CreateOrderAsync(customer.Id!, MicrosoftSide.OrderOf(E3, 5));
        var read = await client.GetSubscriptionAsync(customer.Id!, order.LineItems.Single().SubscriptionId!);

        var grown = await client.UpdateSubscriptionAsync(customer.Id!, read with { Quantity = 8 });
        var stale = await Assert.ThrowsAsync<PartnerCenterException>(() => client.UpdateSubscriptionAsync(customer.Id!, read with { Quantity = 9 }));
        var suspended = await client.UpdateSubscriptionAsync(customer.Id!, grown with { Status = SubscriptionStatus.Suspended });

        Assert.Equal(8, grown.Quantity);
        Assert.NotEqual(read.Attributes!.Etag, grown.Attributes!.Etag);
        Assert.Equal("2055", stale.ErrorCode);
        Assert.Equal(SubscriptionStatus.Suspended, suspended.Status);
    }

    [Fact]
    public async Task A_subscription_PATCH_whose_connection_dropped_after_it_took_effect_is_checked_and_not_sent_again()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Northwind"));
        var order = await client.CreateOrderAsync(customer.Id!, MicrosoftSide.OrderOf(E3, 5));
        var read = await client.GetSubscriptionAsync(customer.Id!, order.LineItems.Single().SubscriptionId!);
        side.Emulator.DropConnectionAfterActionOnce("PATCH", "/subscriptions/");

        var grown = await client.UpdateSubscriptionAsync(customer.Id!, read with { Quantity = 8 });

        var calls = side.Emulator.Snapshot().Calls;
        Assert.Equal(8, grown.Quantity);
        Assert.Equal(1, calls["PATCH /v1/customers/{customerId}/subscriptions/{subscriptionId}"]);
        Assert.Equal(2, calls["GET /v1/customers/{customerId}/subscriptions/{subscriptionId}"]);
    }

    [Fact]
    public async Task An_add_on_PATCH_whose_connection_dropped_after_it_took_effect_buys_one_add_on()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Litware"));
        var order = await client.CreateOrderAsync(customer.Id!, MicrosoftSide.OrderOf(E3, 10));
        var parent = order.LineItems.Single().SubscriptionId!;
        var addon = new Order { LineItems = [new OrderLineItem { LineItemNumber = 1, OfferId = PhoneSystem, Quantity = 2, ParentSubscriptionId = parent }] };
        side.Emulator.DropConnectionAfterActionOnce("PATCH", "/orders/");

        var updated = await client.AddToOrderAsync(customer.Id!, order.Id!, addon);

        Assert.Equal(2, updated.LineItems.Count);
        Assert.Single((await client.ListAddonSubscriptionsAsync(customer.Id!, parent)).Items);
        Assert.Equal(1, side.Emulator.Snapshot().Calls["PATCH /v1/customers/{customerId}/orders/{orderId}"]);
    }

    [Fact]
    public async Task An_add_on_the_order_already_holds_by_name_is_not_bought_again()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Northwind"));
        var order = await client.CreateOrderAsync(customer.Id!, MicrosoftSide.OrderOf(E3, 10));
        var parent = order.LineItems.Single().SubscriptionId!;
        var addon = new Order { LineItems = [new OrderLineItem { OfferId = PhoneSystem, Quantity = 2, ParentSubscriptionId = parent, FriendlyName = "MCOEV [gw-1]" }] };

        await client.AddToOrderAsync(customer.Id!, order.Id!, addon);
        var again = await client.AddToOrderAsync(customer.Id!, order.Id!, addon);

        Assert.Equal(2, again.LineItems.Count);
        Assert.Single((await client.ListAddonSubscriptionsAsync(customer.Id!, parent)).Items);
        Assert.Equal(1, side.Emulator.Snapshot().Calls["PATCH /v1/customers/{customerId}/orders/{orderId}"]);
    }

    [Fact]
    public async Task A_new_commerce_subscription_cannot_be_cancelled_after_its_window()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Consolidated"));
        var nce = MicrosoftSide.OrderOf("CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF", 3);

        var withoutAttestation = await Assert.ThrowsAsync<PartnerCenterException>(() => client.CreateOrderAsync(customer.Id!, nce));
        await client.AttestCustomerAgreementAsync(customer.Id!, new CustomerAgreement
        {
            PrimaryContact = new AgreementContact("Ada", "Lovelace", "ada@consolidated.example"),
            TemplateId = "117a77b0-9360-443b-8795-c6dedc750cf9",
            DateAgreed = DateTimeOffset.UtcNow,
        });
        var order = await client.CreateOrderAsync(customer.Id!, nce);
        side.Emulator.Clock.Advance(TimeSpan.FromDays(8));
        var subscription = await client.GetSubscriptionAsync(customer.Id!, order.LineItems.Single().SubscriptionId!);
        var late = await Assert.ThrowsAsync<PartnerCenterException>(() => client.UpdateSubscriptionAsync(customer.Id!, subscription with { Status = SubscriptionStatus.Deleted }));

        Assert.Equal("13605", withoutAttestation.ErrorCode);
        Assert.Equal("900117", late.ErrorCode);
    }

    [Fact]
    public async Task Domains_customers_pages_and_searches_read_as_the_service_answers()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await client.CreateCustomerAsync(MicrosoftSide.NewCustomer(i < 3 ? $"Alpine{i}" : $"Blue{i}"))).Id!);
        }

        var listed = await client.ListCustomersAsync(pageSize: 3).Select(c => c.Id!).ToListAsync();
        var found = await client.SearchCustomersByNameAsync("alpine");

        Assert.Equal(created.Order(StringComparer.Ordinal), listed);
        Assert.Equal(3, found.Count);
        Assert.False(await client.IsDomainAvailableAsync("contoso.onmicrosoft.com"));
        Assert.True(await client.IsDomainAvailableAsync("unused-" + Guid.NewGuid().ToString("N")[..8] + ".onmicrosoft.com"));
        Assert.True((await client.ValidateAddressAsync(MicrosoftSide.NewCustomer("x").BillingProfile!.DefaultAddress!)).IsVerified);
        Assert.StartsWith("https://admin.microsoft.com/", (await client.GetRelationshipRequestAsync()).Url!.ToString(), StringComparison.Ordinal);
        Assert.Contains("subscription-updated", await client.ListWebhookEventsAsync());
    }

    [Fact]
    public async Task An_unknown_bearer_is_retried_once_with_a_fresh_token()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        await client.ListWebhookEventsAsync();

        side.Emulator.Clock.Advance(TimeSpan.FromHours(2));
        var events = await client.ListWebhookEventsAsync();

        Assert.NotEmpty(events);
    }
}
