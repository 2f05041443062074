using System.Text.Json.Nodes;
using O365Functions.Api.Tests.Aps;
using O365Functions.Emulators;
using O365Functions.Emulators.Aps;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>
/// An installed, authenticated application instance whose catalog holds the seed offers of Microsoft's "adding new
/// offers" procedure (Business Premium and its three add-ons; Phone System under E1, E3 or Skype for Business Plan 2),
/// plus a new-commerce license, driven by the APS controller emulator playing CloudBlue Commerce: each tenant is
/// ordered with an account and a subscription whose limits are its seats.
/// </summary>
internal sealed class TenantScenario : IAsyncDisposable
{
    public const string NewCommerceItem = "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF";

    private readonly Dictionary<string, string> _types = new(StringComparer.OrdinalIgnoreCase);

    private TenantScenario(ApsControllerEmulator controller) => Controller = controller;

    public ApsControllerEmulator Controller { get; }

    /// <summary>The resource id of the license or add-on type <paramref name="provisioningId"/>.</summary>
    public string TypeId(string provisioningId) => _types[provisioningId];

    public static Task<TenantScenario> StartAsync(ApsGateway gateway, string cspModel = "direct", Action<JsonObject>? settings = null)
    {
        var values = gateway.Settings(cspModel);
        settings?.Invoke(values);
        return StartAsync(gateway.Controller(), gateway.Microsoft, values);
    }

    /// <summary>Installs an instance with <paramref name="settings"/> through <paramref name="controller"/>, authenticates it with a token <paramref name="microsoft"/> issued, and defines the catalog.</summary>
    public static async Task<TenantScenario> StartAsync(ApsControllerEmulator controller, MicrosoftEmulator microsoft, JsonObject settings)
    {
        await controller.StartAsync();
        Ensure(await controller.InstallAsync(settings));
        Ensure(await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken",
            new JsonObject { ["refreshToken"] = microsoft.IssueRefreshToken() }));
        var scenario = new TenantScenario(controller);
        await scenario.LicenseAsync("O365_BUSINESS_PREMIUM", "031c9e47-4802-4248-838e-778fb1d2cc05", maximum: 300, trialOfferId: "c0bd2e08-11ac-4836-bdc7-3712e744922f");
        await scenario.LicenseAsync("MCOSTANDARD", "14c61739-b45a-42c0-832c-d330972d3173");
        await scenario.LicenseAsync("STANDARDPACK", "91fd106f-4b2c-4938-95ac-f54f74e9a239", upgrades: ["ENTERPRISEPACK"]);
        await scenario.LicenseAsync("ENTERPRISEPACK", "796b6b5f-613c-4e24-a17c-eba730d49c02");
        await scenario.LicenseAsync("M365_NCE", NewCommerceItem, termDuration: "P1M");
        await scenario.AddonAsync("SHAREPOINTSTORAGE", "53fc25f7-6639-4f78-bb44-3c2dfec3ed40", "O365_BUSINESS_PREMIUM");
        await scenario.AddonAsync("EXCHANGEARCHIVE_ADDON", "2828be95-46ba-4f91-b2fd-0bef192ecf60", "O365_BUSINESS_PREMIUM");
        await scenario.AddonAsync("ATP_ENTERPRISE", "a2706f86-868d-4048-989b-0c69e5c76b63", "O365_BUSINESS_PREMIUM");
        await scenario.AddonAsync("MCOEV", "4260988e-990d-479c-ae7b-f01ce8e1bb4d", "MCOSTANDARD", "STANDARDPACK", "ENTERPRISEPACK");
        return scenario;
    }

    /// <summary>
    /// A new organization's order the Commerce way: a new account (Contoso Pharmaceuticals, with the address and
    /// contact Microsoft needs) and subscription whose limits are <paramref name="licenses"/>, and a unique prefix.
    /// </summary>
    public JsonObject NewTenant(JsonObject licenses, string? prefix = null)
    {
        var account = Controller.CreateAccount("Contoso Pharmaceuticals");
        var order = Order(account, licenses);
        order["domainPrefix"] = prefix ?? "t" + Guid.NewGuid().ToString("N")[..12];
        return order;
    }

    /// <summary>An order of <paramref name="licenses"/> for <paramref name="accountId"/>: its links, and the trials among the licenses.</summary>
    public JsonObject Order(string accountId, JsonObject licenses)
    {
        var subscription = Controller.CreateSubscription(accountId, Limits(licenses).Where(l => l.Limit is not null));
        var order = new JsonObject
        {
            ["aps"] = new JsonObject { ["subscription"] = subscription },
            ["account"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = accountId } },
            ["subscription"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = subscription } },
        };
        Trials(order, licenses);
        return order;
    }

    /// <summary>A change order without the event: the tenant's subscription sells exactly <paramref name="licenses"/> now.</summary>
    public void SetLimits(JsonObject tenant, JsonObject licenses)
    {
        Controller.SetLimits(SubscriptionOf(tenant), Limits(licenses));
        Trials(tenant, licenses);
    }

    /// <summary>A change order with Commerce's limits-changed event delivered to the tenant.</summary>
    public Task<IReadOnlyList<EventDelivery>> ChangeLimitsAsync(JsonObject tenant, JsonObject licenses) =>
        Controller.ChangeLimitsAsync(SubscriptionOf(tenant), Limits(licenses));

    /// <summary>The subscription a tenant's body names.</summary>
    public static string SubscriptionOf(JsonObject tenant) => tenant["subscription"]!["aps"]!["id"]!.GetValue<string>();

    /// <summary>The Microsoft customer a tenant's representation names, as the emulator holds it.</summary>
    public static Emulators.PartnerCenter.EmulatedCustomerView CustomerOf(MicrosoftEmulator microsoft, ApsOutcome tenant) =>
        microsoft.Customers().Single(c => c.Id == tenant.Body!["tenantId"]!.GetValue<string>());

    /// <summary>The Partner Center subscription id of <paramref name="provisioningId"/> in a tenant's representation.</summary>
    public static string MicrosoftSubscriptionOf(ApsOutcome tenant, string provisioningId) =>
        tenant.Body!["subscriptions"]!.AsArray().Single(s => s!["provisioningId"]!.GetValue<string>() == provisioningId)!["subscriptionId"]!.GetValue<string>();

    /// <summary><c>{ "id": { "limit": n }, ... }</c>.</summary>
    public static JsonObject Licenses(params (string Id, int Limit)[] limits)
    {
        var licenses = new JsonObject();
        foreach (var (id, limit) in limits)
        {
            licenses[id] = new JsonObject { ["limit"] = limit };
        }

        return licenses;
    }

    /// <summary>Polls the order (async phase) until its APS-Info mentions <paramref name="step"/>, and returns that APS-Info.</summary>
    public static async Task<string> InfoOnceAtAsync(ApsControllerEmulator controller, JsonObject order, string step)
    {
        var info = string.Empty;
        for (var i = 0; i < 400 && !info.Contains(step, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
            using var poll = await controller.SendAsync(HttpMethod.Post, "tenants", order, phase: "async");
            info = poll.Headers.TryGetValues("APS-Info", out var values) ? values.First() : string.Empty;
        }

        Assert.Contains(step, info, StringComparison.Ordinal);
        return info;
    }

    public static void Ensure(ApsOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The controller's request failed with {(int)outcome.Status}: {outcome.Body}");
        }
    }

    public ValueTask DisposeAsync() => Controller.DisposeAsync();

    /// <summary>Every type's limit: those in <paramref name="licenses"/>, the rest removed from the subscription.</summary>
    private List<(string TypeApsId, long? Limit)> Limits(JsonObject licenses) =>
        [.. _types.Select(type => (type.Value, licenses[type.Key]?["limit"] is { } limit ? (long?)limit.GetValue<int>() : null))];

    private static void Trials(JsonObject order, JsonObject licenses)
    {
        var trials = licenses.Where(l => l.Value?["trial"]?.GetValue<bool>() == true).Select(l => (JsonNode?)l.Key).ToArray();
        order.Remove("trialLicenses");
        if (trials.Length > 0)
        {
            order["trialLicenses"] = new JsonArray(trials);
        }
    }

    /// <summary>Defines a license type of the instance, which <see cref="Licenses"/> may then name.</summary>
    public async Task LicenseAsync(string provisioningId, string offerId, int? maximum = null, string? termDuration = null, string[]? upgrades = null, string? trialOfferId = null)
    {
        var type = new JsonObject
        {
            ["name"] = provisioningId,
            ["offerId"] = offerId,
            ["provisioningId"] = provisioningId,
            ["assignableToUsers"] = true,
            ["possibleUpgrades"] = new JsonArray([.. (upgrades ?? []).Select(u => (JsonNode)u)]),
        };
        if (maximum is { } max)
        {
            type["maximumQuantity"] = max;
        }

        if (termDuration is not null)
        {
            type["termDuration"] = termDuration;
        }

        if (trialOfferId is not null)
        {
            type["trialOfferId"] = trialOfferId;
        }

        var (id, outcome) = await Controller.ProvisionAsync("licenseTypes", type);
        Ensure(outcome);
        _types[provisioningId] = id;
    }

    private async Task AddonAsync(string provisioningId, string offerId, params string[] parents)
    {
        var (id, outcome) = await Controller.ProvisionAsync("addonTypes", new JsonObject
        {
            ["name"] = provisioningId,
            ["offerId"] = offerId,
            ["provisioningId"] = provisioningId,
            ["assignableToUsers"] = false,
            ["possibleParentOffers"] = new JsonArray([.. parents.Select(p => (JsonNode)p)]),
        });
        Ensure(outcome);
        _types[provisioningId] = id;
    }
}

/// <summary>Reads a tenant representation's <c>seats</c>.</summary>
internal static class TenantSeats
{
    /// <summary>The seats bought at Microsoft for <paramref name="provisioningId"/>.</summary>
    public static int Purchased(this JsonObject? tenant, string provisioningId) => Seat(tenant, provisioningId)["purchased"]!.GetValue<int>();

    /// <summary>The licenses of <paramref name="provisioningId"/> the tenant's users hold.</summary>
    public static int Assigned(this JsonObject? tenant, string provisioningId) => Seat(tenant, provisioningId)["assigned"]!.GetValue<int>();

    /// <summary>The limit of the customer's subscription for <paramref name="provisioningId"/>.</summary>
    public static long? Limit(this JsonObject? tenant, string provisioningId) => Seat(tenant, provisioningId)["limit"]?.GetValue<long>();

    private static JsonObject Seat(JsonObject? tenant, string provisioningId) =>
        tenant!["seats"]!.AsArray().OfType<JsonObject>().Single(s => s["provisioningId"]!.GetValue<string>() == provisioningId);
}
