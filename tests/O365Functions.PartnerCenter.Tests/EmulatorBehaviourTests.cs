using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Http;
using O365Functions.PartnerCenter.Models;

namespace O365Functions.PartnerCenter.Tests;

public sealed class EmulatorBehaviourTests
{
    private const string E3 = "796b6b5f-613c-4e24-a17c-eba730d49c02";

    [Fact]
    public async Task A_slow_subscription_change_is_accepted_with_202_and_polled_until_it_shows()
    {
        await using var side = await MicrosoftSide.StartAsync(emulator => emulator.SubscriptionChangeDelay = TimeSpan.FromMilliseconds(300));
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Blue Yonder"))).Id!;
        var order = await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E3, 2));
        var subscription = await client.GetSubscriptionAsync(customer, order.LineItems.Single().SubscriptionId!);

        var changed = await client.UpdateSubscriptionAsync(customer, subscription with { Quantity = 6 });

        Assert.Equal(6, changed.Quantity);
        var gets = side.Emulator.Snapshot().Calls["GET /v1/customers/{customerId}/subscriptions/{subscriptionId}"];
        Assert.True(gets >= 2, $"The change was read {gets} times; a 202 should have been polled.");
    }

    [Fact]
    public async Task A_change_that_never_shows_is_polled_for_a_bounded_time_and_ends_with_a_clear_error()
    {
        await using var side = await MicrosoftSide.StartAsync(emulator => emulator.SubscriptionChangeDelay = TimeSpan.FromHours(1));
        side.ClientOptions.OperationPollTimeout = TimeSpan.FromMilliseconds(300);
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Tailspin"))).Id!;
        var order = await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E3, 2));
        var subscription = await client.GetSubscriptionAsync(customer, order.LineItems.Single().SubscriptionId!);

        var error = await Assert.ThrowsAsync<PartnerCenterException>(() => client.UpdateSubscriptionAsync(customer, subscription with { Quantity = 6 }));

        Assert.Contains("did not show within", error.Message, StringComparison.Ordinal);
        Assert.Contains("read the subscription before changing it again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_partners_indirect_resellers_are_listed_and_accepted_as_partner_of_record_on_orders_and_carts()
    {
        await using var side = await MicrosoftSide.StartAsync(emulator => emulator.IndirectResellers["2345678"] = "Contoso Reseller");
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Wingtip"))).Id!;
        await client.AttestCustomerAgreementAsync(customer, new CustomerAgreement
        {
            PrimaryContact = new AgreementContact("Ada", "Lovelace", "ada@wingtip.example"),
            TemplateId = side.Emulator.Options.AgreementTemplateId,
            DateAgreed = DateTimeOffset.UtcNow,
        });
        var plain = MicrosoftSide.OrderOf(E3, 2);
        var order = plain with { LineItems = [plain.LineItems[0] with { PartnerIdOnRecord = "7654321" }] };
        var line = new CartLineItem
        {
            Id = 0, CatalogItemId = "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF", Quantity = 1, BillingCycle = BillingCycle.Monthly, TermDuration = "P1M",
            Participants = [new CartParticipant(CartParticipant.TransactionReseller, "7654321")],
        };

        var resellers = await client.ListIndirectResellersAsync();
        var refusedOrder = await Assert.ThrowsAsync<PartnerCenterException>(() => client.CreateOrderAsync(customer, order));
        var cart = await client.CreateCartAsync(customer, new Cart { LineItems = [line] });
        var refusedCart = await Assert.ThrowsAsync<PartnerCenterException>(() => client.CheckoutCartAsync(customer, cart.Id!));

        Assert.Equal(["1234567", "2345678"], resellers.Select(r => r.MpnId).Order());
        Assert.All(resellers, r => Assert.Equal(("IsIndirectCloudSolutionProviderOf", "Active"), (r.RelationshipType, r.State)));
        Assert.Equal(("2072", 404), (refusedOrder.ErrorCode, (int)refusedOrder.StatusCode));
        Assert.Equal(("800015", 400), (refusedCart.ErrorCode, (int)refusedCart.StatusCode));
        Assert.Empty(side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions);
    }

    [Theory]
    [InlineData("/customers/c1/subscriptions/s1", "v1/customers/c1/subscriptions/s1")]
    [InlineData("/v1/customers/c1/subscriptions/s1", "v1/customers/c1/subscriptions/s1")]
    [InlineData("https://api.partnercenter.microsoft.com/customers/c1/subscriptions/s1", "v1/customers/c1/subscriptions/s1")]
    [InlineData("https://elsewhere.example/v1/customers/c1/subscriptions/s1?x=1", "v1/customers/c1/subscriptions/s1?x=1")]
    public void An_operation_location_is_asked_of_Partner_Center_under_its_version(string location, string path) =>
        Assert.Equal(path, PartnerCenterClient.OperationPath(new Uri(location, UriKind.RelativeOrAbsolute)));

    [Fact]
    public async Task Orders_report_their_provisioning_and_the_state_is_inspectable_over_http()
    {
        await using var side = await MicrosoftSide.StartAsync(emulator => emulator.ProvisioningDelay = TimeSpan.FromMinutes(5));
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Datum"))).Id!;
        var order = await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E3, 2));

        var before = (await client.GetOrderProvisioningStatusAsync(customer, order.Id!)).Items.Single();
        side.Emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        var after = (await client.GetOrderProvisioningStatusAsync(customer, order.Id!)).Items.Single();
        var completed = await client.GetOrderAsync(customer, order.Id!);
        using var http = new HttpClient();
        var state = await http.GetFromJsonAsync<JsonElement>(new Uri(side.Emulator.BaseUri, "emulator/state"));

        Assert.Equal(("PrefulfillmentPending", "Fulfilled"), (before.Status, after.Status));
        Assert.Equal(OrderStatus.Completed, completed.Status);
        Assert.Equal(1, state.GetProperty("orders").GetInt32());
        Assert.Equal(1, state.GetProperty("calls").GetProperty("POST /v1/customers/{customerId}/orders").GetInt32());
    }

    [Fact]
    public async Task Seats_outside_what_the_offer_allows_are_refused_with_2002_when_ordered_and_when_changed()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Bounded"))).Id!;
        var order = await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E3, 10000));
        var subscription = await client.GetSubscriptionAsync(customer, order.LineItems.Single().SubscriptionId!);

        var ordered = await Assert.ThrowsAsync<PartnerCenterException>(() => client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E3, 10001)));
        var changed = await Assert.ThrowsAsync<PartnerCenterException>(() => client.UpdateSubscriptionAsync(customer, subscription with { Quantity = 10001 }));
        var emptied = await Assert.ThrowsAsync<PartnerCenterException>(() => client.UpdateSubscriptionAsync(customer, subscription with { Quantity = 0 }));

        Assert.Equal(["2002", "2002", "2002"], new[] { ordered, changed, emptied }.Select(e => e.ErrorCode));
        Assert.Contains("from 1 to 10000", ordered.Description, StringComparison.Ordinal);
        Assert.Equal(10000, (await client.GetSubscriptionAsync(customer, subscription.Id!)).Quantity);
        Assert.Single(side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions);
    }

    [Fact]
    public async Task A_body_not_sent_as_JSON_is_refused_with_415_and_creates_nothing()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var token = await side.Tokens.GetTokenAsync(TokenAudiences.PartnerCenter);
        var customer = JsonSerializer.Serialize(MicrosoftSide.NewCustomer("Plain Text Ltd"), PartnerCenterJson.Options);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(side.Emulator.BaseUri, "v1/customers"))
        {
            Content = new StringContent(customer, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());

        using var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Contains("application/json", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(side.Emulator.Customers());
    }

    [Fact]
    public async Task A_slow_order_and_its_subscriptions_stay_pending_past_the_usual_delay_until_the_slow_one()
    {
        await using var side = await MicrosoftSide.StartAsync(emulator =>
        {
            emulator.ProvisioningDelay = TimeSpan.FromMinutes(1);
            emulator.SlowProvisioningRate = 1;
            emulator.SlowProvisioningDelay = TimeSpan.FromHours(2);
        });
        var client = side.CreateClient();
        var customer = (await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Slowpoke"))).Id!;
        var order = await client.CreateOrderAsync(customer, MicrosoftSide.OrderOf(E3, 2));

        side.Emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        var halfway = (await client.GetOrderProvisioningStatusAsync(customer, order.Id!)).Items.Single().Status;
        var halfwaySubscription = side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions.Single().Status;
        side.Emulator.Clock.Advance(TimeSpan.FromHours(2));
        var after = (await client.GetOrderProvisioningStatusAsync(customer, order.Id!)).Items.Single().Status;
        var afterSubscription = side.Emulator.Customers().Single(c => c.Id == customer).Subscriptions.Single().Status;

        Assert.Equal(("PrefulfillmentPending", "pending"), (halfway, halfwaySubscription));
        Assert.Equal(("Fulfilled", "active"), (after, afterSubscription));
    }

    [Fact]
    public async Task A_validation_event_reaches_the_registered_webhook_and_a_second_registration_is_refused()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await WebhookReceiver.TrustingAsync(side.Emulator);
        var client = side.CreateClient();
        var registration = new WebhookRegistration { WebhookUrl = receiver.Endpoint, WebhookEvents = ["test-created"], SignatureTokenToMsSignatureHeader = true };

        await client.RegisterWebhookAsync(registration);
        var twice = await Assert.ThrowsAsync<PartnerCenterException>(() => client.RegisterWebhookAsync(registration));
        var updated = await client.UpdateWebhookAsync(registration with { WebhookEvents = ["test-created", "subscription-updated"] });
        var validation = await client.SendWebhookValidationEventAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (side.Emulator.WebhookDeliveries == (0, 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(System.Net.HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(2, updated.WebhookEvents.Count);
        Assert.False(string.IsNullOrEmpty(validation.CorrelationId));
        Assert.Equal((1, 0), side.Emulator.WebhookDeliveries);
    }
}
