using System.Text.Json.Nodes;
using O365Functions.Api.Tests.Aps;
using O365Functions.Emulators;
using O365Functions.Emulators.Aps;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>
/// An installed, authenticated application instance whose catalog holds the seed offers of Microsoft's "adding new
/// offers" procedure (Business Premium and its three add-ons; Phone System under E1, E3 or Skype for Business Plan 2),
/// plus a new-commerce license, driven by the APS controller emulator.
/// </summary>
internal sealed class TenantScenario : IAsyncDisposable
{
    public const string NewCommerceItem = "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF";

    private TenantScenario(ApsControllerEmulator controller) => Controller = controller;

    public ApsControllerEmulator Controller { get; }

    public static Task<TenantScenario> StartAsync(ApsGateway gateway, string cspModel = "direct", Action<JsonObject>? settings = null)
    {
        var values = gateway.Settings(cspModel);
        settings?.Invoke(values);
        return StartAsync(gateway.Controller(), gateway.Microsoft, values);
    }

    /// <summary>Installs an instance with <paramref name="settings"/> through <paramref name="controller"/>, authenticates it with a token <paramref name="microsoft"/> issued, and defines the catalog.</summary>
    public static async Task<TenantScenario> StartAsync(ApsControllerEmulator controller, MicrosoftEmulator microsoft, JsonObject settings)
    {
        Ensure(await controller.InstallAsync(settings));
        Ensure(await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken",
            new JsonObject { ["refreshToken"] = microsoft.IssueRefreshToken() }));
        var scenario = new TenantScenario(controller);
        await scenario.LicenseAsync("O365_BUSINESS_PREMIUM", "031c9e47-4802-4248-838e-778fb1d2cc05", maximum: 300, trialOfferId: "c0bd2e08-11ac-4836-bdc7-3712e744922f");
        await scenario.LicenseAsync("MCOSTANDARD", "14c61739-b45a-42c0-832c-d330972d3173");
        await scenario.LicenseAsync("ENTERPRISEPACK", "796b6b5f-613c-4e24-a17c-eba730d49c02");
        await scenario.LicenseAsync("STANDARDPACK", "91fd106f-4b2c-4938-95ac-f54f74e9a239", upgrades: ["ENTERPRISEPACK"]);
        await scenario.LicenseAsync("M365_NCE", NewCommerceItem, termDuration: "P1M");
        await scenario.AddonAsync("SHAREPOINTSTORAGE", "53fc25f7-6639-4f78-bb44-3c2dfec3ed40", "O365_BUSINESS_PREMIUM");
        await scenario.AddonAsync("EXCHANGEARCHIVE_ADDON", "2828be95-46ba-4f91-b2fd-0bef192ecf60", "O365_BUSINESS_PREMIUM");
        await scenario.AddonAsync("ATP_ENTERPRISE", "a2706f86-868d-4048-989b-0c69e5c76b63", "O365_BUSINESS_PREMIUM");
        await scenario.AddonAsync("MCOEV", "4260988e-990d-479c-ae7b-f01ce8e1bb4d", "MCOSTANDARD", "STANDARDPACK", "ENTERPRISEPACK");
        return scenario;
    }

    /// <summary>A new organization's order with a unique prefix, the contact and address Microsoft needs, and <paramref name="licenses"/>.</summary>
    public static JsonObject NewTenant(JsonObject licenses, string? prefix = null) => new()
    {
        ["domainPrefix"] = prefix ?? "t" + Guid.NewGuid().ToString("N")[..12],
        ["companyName"] = "Contoso Pharmaceuticals",
        ["country"] = "US",
        ["address"] = new JsonObject { ["addressLine1"] = "1 Microsoft Way", ["city"] = "Redmond", ["state"] = "WA", ["postalCode"] = "98052" },
        ["contact"] = new JsonObject { ["firstName"] = "Ada", ["lastName"] = "Lovelace", ["email"] = "ada@contoso.example", ["phone"] = "4255550100" },
        ["licenses"] = licenses,
    };

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

    public static void Ensure(ApsOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The controller's request failed with {(int)outcome.Status}: {outcome.Body}");
        }
    }

    public ValueTask DisposeAsync() => Controller.DisposeAsync();

    private async Task LicenseAsync(string provisioningId, string offerId, int? maximum = null, string? termDuration = null, string[]? upgrades = null, string? trialOfferId = null)
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

        var (_, outcome) = await Controller.ProvisionAsync("licenseTypes", type);
        Ensure(outcome);
    }

    private async Task AddonAsync(string provisioningId, string offerId, params string[] parents)
    {
        var (_, outcome) = await Controller.ProvisionAsync("addonTypes", new JsonObject
        {
            ["name"] = provisioningId,
            ["offerId"] = offerId,
            ["provisioningId"] = provisioningId,
            ["assignableToUsers"] = false,
            ["possibleParentOffers"] = new JsonArray([.. parents.Select(p => (JsonNode)p)]),
        });
        Ensure(outcome);
    }
}
