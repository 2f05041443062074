using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Tests.Aps;
using O365Functions.Api.Tests.Provisioning;
using O365Functions.Core.State.Records;
using O365Functions.Emulators.Aps;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Commerce;

/// <summary>
/// Tenants ordered the way CloudBlue Commerce orders them, through the controller emulator playing Commerce on a real
/// loopback server: only the links and a prefix in the body; seats, company and contacts read back from Commerce.
/// </summary>
public sealed class CommerceOrderTests(ProvisioningGatewayFixture fixture) : IClassFixture<ProvisioningGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_tenant_ordered_with_only_its_links_gets_the_subscriptions_limits_and_the_accounts_company_and_contact()
    {
        await using var scenario = await StartAsync(Gateway);
        var account = scenario.Controller.CreateAccount("Northwind Traders", new JsonObject
        {
            ["billingContact"] = new JsonObject { ["givenName"] = "Bill", ["familyName"] = "Payer", ["email"] = "billing@northwind.example" },
        });
        var order = scenario.Order(account, Licenses(("O365_BUSINESS_PREMIUM", 7), ("EXCHANGEARCHIVE_ADDON", 2)));
        order["domainPrefix"] = "nw" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(["aps", "account", "subscription", "domainPrefix"], order.Select(p => p.Key));

        var (id, outcome) = await scenario.Controller.ProvisionAsync("tenants", order);
        var read = await scenario.Controller.RetrieveAsync("tenants", id);
        var customer = Gateway.Microsoft.Customers().Single(c => c.Id == outcome.Body!["tenantId"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal("Northwind Traders", customer.CompanyName);
        Assert.Equal("billing@northwind.example", customer.BillingEmail);
        Assert.Equal("US", customer.Country);
        Assert.Equal(7, read.Body.Purchased("O365_BUSINESS_PREMIUM"));
        Assert.Equal(7, read.Body.Limit("O365_BUSINESS_PREMIUM"));
        Assert.Equal(2, read.Body.Purchased("EXCHANGEARCHIVE_ADDON"));
        Assert.Equal(0, read.Body.Assigned("O365_BUSINESS_PREMIUM"));
        var subscription = Assert.Single(scenario.Controller.EventSubscriptions.Values);
        Assert.Equal(ApsControllerEmulator.LimitsChangedEvent, subscription["event"]!.GetValue<string>());
        Assert.Equal(SubscriptionOf(order), subscription["source"]!["id"]!.GetValue<string>());
        Assert.Equal(id, subscription["resource"]!.GetValue<string>());
        Assert.Equal("onLimitsChanged", subscription["handler"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_limit_change_through_the_event_changes_Microsofts_quantity_once_and_a_redelivery_changes_nothing()
    {
        await using var scenario = await StartAsync(Gateway);
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 5), ("ATP_ENTERPRISE", 2)));
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", order);
        var customerId = created.Body!["tenantId"]!.GetValue<string>();
        var patchesBefore = Patches();

        var deliveries = await scenario.ChangeLimitsAsync(order, Licenses(("O365_BUSINESS_PREMIUM", 9)));
        var changed = await UntilAsync(() => Quantities(customerId) is { } q && q.GetValueOrDefault("031c9e47-4802-4248-838e-778fb1d2cc05") == 9 && q.Count == 1);
        await UntilIdleAsync(scenario, id);
        var patchesAfterChange = Patches();
        var redelivered = await scenario.Controller.RaiseLimitsChangedAsync(SubscriptionOf(order));
        await UntilIdleAsync(scenario, id);
        var read = await scenario.Controller.RetrieveAsync("tenants", id);

        var delivery = Assert.Single(deliveries);
        Assert.True(delivery.Delivered);
        Assert.Equal((1, HttpStatusCode.OK), (delivery.Attempts, delivery.LastStatus));
        Assert.True(changed, "Microsoft's quantity did not follow the new limit.");
        Assert.Equal(2, patchesAfterChange - patchesBefore);
        Assert.True(Assert.Single(redelivered).Delivered);
        Assert.Equal(patchesAfterChange, Patches());
        Assert.Equal(9, read.Body.Purchased("O365_BUSINESS_PREMIUM"));
        Assert.Equal(9, read.Body.Limit("O365_BUSINESS_PREMIUM"));
        Assert.DoesNotContain(read.Body!["seats"]!.AsArray(), s => s!["provisioningId"]!.GetValue<string>() == "ATP_ENTERPRISE" && s["purchased"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Events_that_arrive_while_a_change_runs_are_counted_and_applied_from_the_latest_limits()
    {
        await using var scenario = await StartAsync(Gateway);
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 5)));
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", order);
        var customerId = created.Body!["tenantId"]!.GetValue<string>();

        var first = scenario.ChangeLimitsAsync(order, Licenses(("O365_BUSINESS_PREMIUM", 6)));
        var second = scenario.ChangeLimitsAsync(order, Licenses(("O365_BUSINESS_PREMIUM", 8)));
        var third = scenario.ChangeLimitsAsync(order, Licenses(("O365_BUSINESS_PREMIUM", 11)));
        var deliveries = (await Task.WhenAll(first, second, third)).SelectMany(d => d).ToList();
        var settled = await UntilAsync(() => Quantities(customerId).GetValueOrDefault("031c9e47-4802-4248-838e-778fb1d2cc05") == 11);
        await UntilIdleAsync(scenario, id);
        var events = (await (await Gateway.Services.GetRequiredService<GatewayRecords>().GetAsync())
            .GetAsync<SeatLimitsEventRecord>(RecordKey.SeatLimitsEvents(scenario.Controller.InstanceId, id)))!.Record;

        Assert.All(deliveries, d => Assert.Equal((true, 1), (d.Delivered, d.Attempts)));
        Assert.True(settled, "Microsoft's quantity did not reach the last limit.");
        Assert.Equal(3, events.Received);
        Assert.False(events.Pending);
    }

    [Fact]
    public async Task An_unlimited_resource_type_or_licenses_users_still_hold_stop_the_change_with_nothing_bought_or_ended()
    {
        await using var scenario = await StartAsync(Gateway);
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2)));
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", order);
        var customerId = created.Body!["tenantId"]!.GetValue<string>();
        var (_, user) = await scenario.Controller.ProvisionAsync("users", new JsonObject
        {
            ["tenant"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = id } },
            ["login"] = "ada",
            ["displayName"] = "Ada Lovelace",
            ["licenses"] = new JsonArray("O365_BUSINESS_PREMIUM"),
            ["password"] = "Initial-Passw0rd!",
        });
        var before = Quantities(customerId);

        scenario.Controller.SetLimits(SubscriptionOf(order), [(scenario.TypeId("O365_BUSINESS_PREMIUM"), 0)]);
        var held = await scenario.Controller.ConfigureAsync("tenants", id, (JsonObject)order.DeepClone());
        var unlimitedAccount = scenario.Controller.CreateAccount("Unlimited Ltd");
        var unlimitedSubscription = scenario.Controller.CreateSubscription(unlimitedAccount, [(scenario.TypeId("ENTERPRISEPACK"), null)]);
        var (_, refused) = await scenario.Controller.ProvisionTenantAsync(unlimitedSubscription, new JsonObject { ["domainPrefix"] = "u" + Guid.NewGuid().ToString("N")[..12] });

        Assert.Equal(HttpStatusCode.OK, user.Status);
        Assert.Equal(HttpStatusCode.BadRequest, held.Status);
        Assert.Contains(held.Body!["details"]!.AsArray(), d => d!["error"]!.GetValue<string>() == "LicensesAssigned" && d["message"]!.GetValue<string>().Contains("ada@", StringComparison.Ordinal));
        Assert.Equal(before, Quantities(customerId));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(refused.Body!["details"]!.AsArray(), d => d!["error"]!.GetValue<string>() == "UnlimitedResource" && d["field"]!.GetValue<string>() == "seats.ENTERPRISEPACK");
    }

    [Fact]
    public async Task Without_a_prefix_one_is_made_from_the_company_name_and_the_next_is_taken_when_it_is_taken()
    {
        await using var scenario = await StartAsync(Gateway);
        var company = "Fabrikam " + Guid.NewGuid().ToString("N")[..8];
        var taken = new string([.. company.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        Gateway.Microsoft.AddForeignOrganization($"{taken}.onmicrosoft.com");
        var order = scenario.Order(scenario.Controller.CreateAccount(company), Licenses(("O365_BUSINESS_PREMIUM", 1)));

        var (_, outcome) = await scenario.Controller.ProvisionAsync("tenants", order);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal($"{taken}2.onmicrosoft.com", outcome.Body!["initialDomain"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_linked_to_a_service_user_takes_its_names_and_login_and_gets_a_first_password_once()
    {
        await using var scenario = await StartAsync(Gateway);
        var account = scenario.Controller.CreateAccount("Contoso Pharmaceuticals");
        var order = scenario.Order(account, Licenses(("O365_BUSINESS_PREMIUM", 2)));
        order["domainPrefix"] = "su" + Guid.NewGuid().ToString("N")[..12];
        var (tenantId, tenant) = await scenario.Controller.ProvisionAsync("tenants", order);
        var domain = tenant.Body!["initialDomain"]!.GetValue<string>();
        var serviceUser = scenario.Controller.CreateServiceUser(account, "Grace", "Hopper", "grace.hopper@contoso.example");

        var (userId, created) = await scenario.Controller.ProvisionAsync("users", new JsonObject
        {
            ["tenant"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = tenantId } },
            ["user"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = serviceUser } },
            ["licenses"] = new JsonArray("O365_BUSINESS_PREMIUM"),
        });
        var read = await scenario.Controller.RetrieveAsync("users", userId);
        var (_, unknown) = await scenario.Controller.ProvisionAsync("users", new JsonObject
        {
            ["tenant"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = tenantId } },
            ["user"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() } },
        });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal($"grace.hopper@{domain}", created.Body!["userPrincipalName"]!.GetValue<string>());
        Assert.Equal("Grace Hopper", created.Body["displayName"]!.GetValue<string>());
        Assert.True(created.Body["initialPassword"]!.GetValue<string>().Length >= 16);
        Assert.Null(read.Body!["initialPassword"]);
        Assert.Single(Gateway.Microsoft.Users(tenant.Body["tenantId"]!.GetValue<string>())[$"grace.hopper@{domain}"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("UnknownServiceUser", unknown.Body!["details"]![0]!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_existing_organizations_relationship_link_reaches_the_customer_as_a_notification_that_is_cleared_once_accepted()
    {
        await using var scenario = await StartAsync(Gateway);
        var domain = $"notice{Guid.NewGuid():N}"[..20] + ".onmicrosoft.com";
        Gateway.Microsoft.AddForeignOrganization(domain);
        var account = scenario.Controller.CreateAccount("Litware");
        var order = scenario.Order(account, Licenses(("O365_BUSINESS_PREMIUM", 1)));
        order["existingTenantDomain"] = domain;
        order["aps"]!["id"] = Guid.NewGuid().ToString();

        var provisioning = scenario.Controller.ProvisionAsync("tenants", order);
        var shown = await UntilAsync(() => !scenario.Controller.Notifications.IsEmpty);
        var notice = scenario.Controller.Notifications.Values.Single();
        var waiting = (await scenario.Controller.RetrieveAsync("tenants", order["aps"]!["id"]!.GetValue<string>())).Body!;
        Gateway.Microsoft.AcceptResellerRelationship(domain);
        var (_, outcome) = await provisioning;

        Assert.True(shown, "No notification reached the customer's account.");
        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Info.Distinct()));
        Assert.Equal(account, notice["accountId"]!.GetValue<string>());
        Assert.Contains(domain, notice["message"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(waiting["relationshipUrl"]!.GetValue<string>(), notice["details"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Empty(scenario.Controller.Notifications);
    }

    [Fact]
    public async Task Upgrading_from_the_first_release_links_each_tenant_to_its_subscription_and_subscribes_it_to_limit_changes()
    {
        await using var scenario = await StartAsync(Gateway);
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1)));
        var (id, _) = await scenario.Controller.ProvisionAsync("tenants", order);
        var store = await Gateway.Services.GetRequiredService<GatewayRecords>().GetAsync();
        var key = RecordKey.Tenant(scenario.Controller.InstanceId, id);
        var tenant = (await store.GetAsync<TenantRecord>(key))!.Record;
        await store.SaveTenantAsync(tenant with { SubscriptionApsId = null, AccountApsId = null, LimitsEventSubscriptionId = null }, CancellationToken.None);
        var upgraded = await scenario.Controller.OperationAsync(HttpMethod.Post, "app", scenario.Controller.InstanceId, "upgrade?version=1.0-1");
        var after = (await store.GetAsync<TenantRecord>(key))!.Record;

        Assert.Equal(HttpStatusCode.OK, upgraded.Status);
        Assert.Equal(SubscriptionOf(order), after.SubscriptionApsId);
        Assert.Equal(order["account"]!["aps"]!["id"]!.GetValue<string>(), after.AccountApsId);
        Assert.NotNull(after.LimitsEventSubscriptionId);
        Assert.Equal(2, scenario.Controller.EventSubscriptions.Count);
    }

    [Fact]
    public async Task The_controller_address_stays_as_installed_until_an_upgrade_names_another()
    {
        await using var scenario = await StartAsync(Gateway);
        var store = await Gateway.Services.GetRequiredService<GatewayRecords>().GetAsync();
        async Task<string?> RecordedAsync() => (await store.GetAsync<ApplicationInstanceRecord>(RecordKey.Instance(scenario.Controller.InstanceId)))!.Record.ControllerUri;
        var installed = await RecordedAsync();
        var settings = (await scenario.Controller.RetrieveAsync("app", scenario.Controller.InstanceId)).Body!;
        settings["applicationSecret"] = "unchanged";

        scenario.Controller.AnnouncedControllerUri = new Uri("https://elsewhere.example/");
        var configured = await scenario.Controller.ConfigureAsync("app", scenario.Controller.InstanceId, settings);
        var afterConfigure = await RecordedAsync();
        var upgraded = await scenario.Controller.OperationAsync(HttpMethod.Post, "app", scenario.Controller.InstanceId, "upgrade?version=1.1-1");
        var afterUpgrade = await RecordedAsync();

        Assert.Equal(HttpStatusCode.OK, configured.Status);
        Assert.Equal(installed, afterConfigure);
        Assert.Equal(HttpStatusCode.OK, upgraded.Status);
        Assert.Equal("https://elsewhere.example/", afterUpgrade);
        Assert.Contains(Gateway.Logs.Lines, l => l.Message.Contains("moved from", StringComparison.Ordinal) && l.Message.Contains("elsewhere.example", StringComparison.Ordinal));
    }

    private int Patches() => Gateway.Microsoft.Snapshot().Calls.Where(c => c.Key.StartsWith("PATCH ", StringComparison.Ordinal)).Sum(c => c.Value);

    private Dictionary<string, int> Quantities(string customerId) =>
        Gateway.Microsoft.Customers().Single(c => c.Id == customerId).Subscriptions
            .Where(s => s.Status is "active" or "pending")
            .ToDictionary(s => s.OfferId, s => s.Quantity, StringComparer.OrdinalIgnoreCase);

    private static async Task<bool> UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }

    /// <summary>Waits until no operation on the tenant runs, reading the tenant as Commerce's usage sync does.</summary>
    private async Task UntilIdleAsync(TenantScenario scenario, string tenantId)
    {
        var store = await Gateway.Services.GetRequiredService<GatewayRecords>().GetAsync();
        var workflows = Gateway.Services.GetRequiredService<Core.Workflows.IWorkflowClient>();
        for (var i = 0; i < 300; i++)
        {
            var pointer = await store.GetAsync<ResourceOperationRecord>(RecordKey.ResourceOperation(scenario.Controller.InstanceId, tenantId));
            var state = pointer is null ? null : await workflows.GetInstanceAsync(pointer.Record.WorkflowInstanceId, getInputsAndOutputs: false);
            if (state is not { IsRunning: true })
            {
                return;
            }

            await Task.Delay(50);
        }
    }
}
