using System.Net;
using System.Text.Json.Nodes;
using O365Functions.Emulators.Aps;

namespace O365Functions.Api.Tests.Aps;

/// <summary>An instance's license and add-on types, and the tenant, user and domain checks that read them.</summary>
public sealed class ApsCatalogTests(ApsGatewayFixture fixture) : IClassFixture<ApsGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task License_and_addon_types_are_stored_per_instance_and_read_back()
    {
        await using var controller = await InstalledAsync();
        var (e3, created) = await controller.ProvisionAsync("licenseTypes", License("E3", "6fd2c87f-b296-42f0-b197-1e91e994b900"));
        var (_, addon) = await controller.ProvisionAsync("addonTypes", Addon("ATP", "E3"));

        var read = await controller.RetrieveAsync("licenseTypes", e3);
        await using var other = await InstalledAsync();
        var elsewhere = await other.RetrieveAsync("licenseTypes", e3);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(HttpStatusCode.OK, addon.Status);
        Assert.Equal("E3", read.Body!["provisioningId"]!.GetValue<string>());
        Assert.True(read.Body["assignableToUsers"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.Status);
    }

    [Fact]
    public async Task Types_with_unknown_parents_a_used_provisioning_id_or_a_loop_of_parents_are_refused_with_the_reason()
    {
        await using var controller = await InstalledAsync();
        await controller.ProvisionAsync("licenseTypes", License("E3", "6fd2c87f-b296-42f0-b197-1e91e994b900"));
        var (a, _) = await controller.ProvisionAsync("addonTypes", Addon("A", "E3"));
        await controller.ProvisionAsync("addonTypes", Addon("B", "A"));

        var (_, unknownParent) = await controller.ProvisionAsync("addonTypes", Addon("C", "NOPE"));
        var (_, duplicate) = await controller.ProvisionAsync("licenseTypes", License("e3", "91fd106f-4b2c-4938-95ac-f54f74e9a239"));
        var loop = Addon("A", "B");
        loop["aps"] = new JsonObject { ["id"] = a };
        var looped = await controller.ConfigureAsync("addonTypes", a, loop);
        var inUse = await controller.UnprovisionAsync("addonTypes", a);

        Assert.Equal("UnknownOffer", Detail(unknownParent, "error"));
        Assert.Contains("NOPE", unknownParent.Message, StringComparison.Ordinal);
        Assert.Equal("DuplicateDefinition", Detail(duplicate, "error"));
        Assert.Equal("ParentCycle", Detail(looped, "error"));
        Assert.Contains("A -> B -> A", looped.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, inUse.Status);
        Assert.Equal("TypeInUse", inUse.Error);
    }

    [Fact]
    public async Task A_license_type_may_name_an_upgrade_created_after_it_which_then_cannot_be_removed_while_named()
    {
        await using var controller = await InstalledAsync();
        var e1 = License("E1", "91fd106f-4b2c-4938-95ac-f54f74e9a239");
        e1["possibleUpgrades"] = new JsonArray("E3");

        var (_, first) = await controller.ProvisionAsync("licenseTypes", e1);
        var (e3, second) = await controller.ProvisionAsync("licenseTypes", License("E3", "796b6b5f-613c-4e24-a17c-eba730d49c02"));
        var inUse = await controller.UnprovisionAsync("licenseTypes", e3);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(["E3"], first.Body!["possibleUpgrades"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(HttpStatusCode.Conflict, inUse.Status);
        Assert.Contains("E1", inUse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_organization_without_the_contact_and_address_Microsoft_needs_is_refused_naming_each_field()
    {
        await using var controller = await InstalledAsync();
        var (e3, _) = await controller.ProvisionAsync("licenseTypes", License("E3", "6fd2c87f-b296-42f0-b197-1e91e994b900"));
        var account = controller.CreateAccount("Contoso", new JsonObject { ["addressPostal"] = null, ["techContact"] = null });
        var order = Tenant(controller, account, (e3, 5));
        order["contact"] = new JsonObject { ["firstName"] = "Ada", ["email"] = "not an address" };

        var (tenant, outcome) = await controller.ProvisionAsync("tenants", order);
        var fields = outcome.Body!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()).ToList();
        var read = await controller.RetrieveAsync("tenants", tenant);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal(["contact.lastName", "contact.email", "address.addressLine1", "address.city", "address.postalCode"], fields);
        Assert.Equal(HttpStatusCode.NotFound, read.Status);
    }

    [Fact]
    public async Task Every_synchronous_rule_of_a_tenant_order_names_its_field()
    {
        await using var controller = await InstalledAsync();
        var (e3, _) = await controller.ProvisionAsync("licenseTypes", License("E3", "6fd2c87f-b296-42f0-b197-1e91e994b900"));
        var (atp, _) = await controller.ProvisionAsync("addonTypes", Addon("ATP", "E3"));
        var (visio, _) = await controller.ProvisionAsync("licenseTypes", License("VISIO", "2b3b4e5c-1c9c-4d4e-9b7c-0f9c7e1d2a11"));
        var order = Tenant(controller, controller.CreateAccount("Contoso"), (atp, 5), (e3, 0), (visio, null));
        order["domainPrefix"] = "not a prefix!";
        order["country"] = "JP";

        var (_, outcome) = await controller.ProvisionAsync("tenants", order);
        var details = outcome.Body!["details"]!.AsArray().Select(d => (Field: d!["field"]!.GetValue<string>(), Error: d["error"]!.GetValue<string>(), Message: d["message"]!.GetValue<string>())).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("InvalidTenant", outcome.Error);
        Assert.Contains(details, d => d.Field == "domainPrefix");
        Assert.Contains(details, d => d.Field == "country");
        Assert.Contains(details, d => d.Field == "seats.ATP");
        Assert.Contains(details, d => d is { Field: "seats.VISIO", Error: "UnlimitedResource" } && d.Message.Contains("Office 365 VISIO", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tenant_without_its_commerce_subscription_is_refused_naming_the_link()
    {
        await using var controller = await InstalledAsync();
        var order = Tenant(controller, controller.CreateAccount("Contoso"));
        order.Remove("subscription");
        ((JsonObject)order["aps"]!).Remove("subscription");

        var (_, outcome) = await controller.ProvisionAsync("tenants", order);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal(["subscription"], outcome.Body!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_indirect_instance_refuses_a_tenant_without_the_resellers_mpn_id()
    {
        await using var controller = Gateway.Controller();
        await controller.StartAsync();
        await controller.InstallAsync(Gateway.Settings(cspModel: "indirect"));

        var (_, outcome) = await controller.ProvisionAsync("tenants", Tenant(controller, controller.CreateAccount("Contoso")));

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal(["resellerMpnId"], outcome.Body!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Users_and_domains_of_an_unknown_tenant_and_unassignable_licenses_are_refused()
    {
        await using var controller = await InstalledAsync();
        await controller.ProvisionAsync("licenseTypes", License("E3", "6fd2c87f-b296-42f0-b197-1e91e994b900"));
        await controller.ProvisionAsync("addonTypes", Addon("ATP", "E3"));
        var tenantLink = new JsonObject { ["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() } };

        var (_, user) = await controller.ProvisionAsync("users", new JsonObject
        {
            ["tenant"] = tenantLink.DeepClone(),
            ["login"] = "ada",
            ["displayName"] = "Ada",
            ["usageLocation"] = "US",
            ["licenses"] = new JsonArray("E3"),
        });
        var (_, unassignable) = await controller.ProvisionAsync("users", new JsonObject
        {
            ["tenant"] = tenantLink.DeepClone(),
            ["login"] = "ada",
            ["displayName"] = "Ada",
            ["usageLocation"] = "US",
            ["licenses"] = new JsonArray("ATP"),
        });
        var (_, domain) = await controller.ProvisionAsync("domains", new JsonObject { ["tenant"] = tenantLink.DeepClone(), ["name"] = "contoso.com" });
        var (_, badDomain) = await controller.ProvisionAsync("domains", new JsonObject { ["tenant"] = tenantLink.DeepClone(), ["name"] = "not a domain" });

        Assert.Equal("UnknownTenant", Detail(user, "error"));
        Assert.Equal("NotAssignable", Detail(unassignable, "error"));
        Assert.Equal("UnknownTenant", Detail(domain, "error"));
        Assert.Equal("name", Detail(badDomain, "field"));
    }

    private async Task<ApsControllerEmulator> InstalledAsync()
    {
        var controller = Gateway.Controller();
        await controller.StartAsync();
        await controller.InstallAsync(Gateway.Settings());
        return controller;
    }

    private static string? Detail(ApsOutcome outcome, string name) => outcome.Body?["details"]?[0]?[name]?.GetValue<string>();

    private static JsonObject License(string provisioningId, string offerId) => new()
    {
        ["name"] = $"Office 365 {provisioningId}",
        ["offerId"] = offerId,
        ["provisioningId"] = provisioningId,
        ["assignableToUsers"] = true,
        ["possibleUpgrades"] = new JsonArray(),
    };

    private static JsonObject Addon(string provisioningId, string parent) => new()
    {
        ["name"] = $"Add-on {provisioningId}",
        ["offerId"] = "0f5c4a36-bf9c-4bd4-8d49-fd2b1b1a4d59",
        ["provisioningId"] = provisioningId,
        ["assignableToUsers"] = false,
        ["possibleParentOffers"] = new JsonArray(parent),
    };

    /// <summary>An order the Commerce way for <paramref name="accountId"/>, whose new subscription has <paramref name="limits"/> (null: unlimited).</summary>
    private static JsonObject Tenant(ApsControllerEmulator controller, string accountId, params (string TypeApsId, long? Limit)[] limits)
    {
        var subscription = controller.CreateSubscription(accountId, limits);
        return new JsonObject
        {
            ["aps"] = new JsonObject { ["subscription"] = subscription },
            ["account"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = accountId } },
            ["subscription"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = subscription } },
            ["domainPrefix"] = "contoso" + Guid.NewGuid().ToString("N")[..12],
        };
    }
}
