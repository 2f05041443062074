using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using O365Functions.Core.Secrets;
using O365Functions.Emulators;
using O365Functions.Emulators.Aps;

namespace O365Functions.Local;

/// <summary>
/// <c>dotnet run --project src/O365Functions.Local -- demo</c>: starts a throw-away local gateway (its own data folder,
/// the Microsoft emulator), then plays the APS controller with the controller emulator over OAuth: installs an
/// application instance, gives it a consent refresh token, defines Business Premium and two of its add-ons, and orders
/// a tenant with them, printing each step as the controller sees it.
/// </summary>
internal static class DemoCommand
{
    private const string ConsumerKey = "o365functions-demo";
    private static readonly Stopwatch Clock = new();

    public static async Task<int> RunAsync(string[] args)
    {
        var data = Directory.CreateTempSubdirectory("o365functions-demo-");
        var consumerSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using var app = LocalGateway.Build([
            "--urls", "http://127.0.0.1:0",
            "--Storage:DataDirectory", data.FullName,
            "--Microsoft:EmulatorPort", "0",
            "--Aps:OAuth:Enabled", "true",
            "--Aps:OAuth:ConsumerKey", ConsumerKey,
            "--Logging:LogLevel:Default", "Warning",
            "--Provisioning:ActivationPollInterval", "00:00:00.500",
            .. args,
        ]);
        try
        {
            await app.StartAsync();
            await app.Services.GetRequiredService<ISecretStore>().SetAsync("aps-oauth-consumer-secret", consumerSecret);
            var endpoint = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/aps/");
            var microsoft = app.Services.GetRequiredService<MicrosoftEmulator>();

            // Microsoft takes a moment to activate what is bought, so each step shows while it happens.
            microsoft.Options.ProvisioningDelay = TimeSpan.FromSeconds(1);
            microsoft.Options.Latency = TimeSpan.FromMilliseconds(40);
            var lastInfo = string.Empty;
            Console.WriteLine("O365Functions demo: a tenant with Business Premium and two add-ons, ordered through an emulated APS controller.");
            Console.WriteLine($"  gateway   {endpoint} (OAuth 1.0a; data in {data.FullName})");
            Console.WriteLine($"  Microsoft {microsoft.BaseUri} (emulator)");
            Clock.Start();
            await using var controller = new ApsControllerEmulator(new ApsControllerOptions
            {
                Endpoint = endpoint,
                Authentication = ApsAuthentication.OAuth,
                ConsumerKey = ConsumerKey,
                ConsumerSecret = consumerSecret,
                RetryTimeScale = 0.01,
                OnAccepted = (method, path, info) =>
                {
                    if (info != lastInfo)
                    {
                        lastInfo = info;
                        Print($"  {method} {path}: 202 {info}");
                    }
                },
            });
            return await PlayAsync(controller, microsoft) ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            data.Delete(recursive: true);
        }
    }

    private static async Task<bool> PlayAsync(ApsControllerEmulator controller, MicrosoftEmulator microsoft)
    {
        var installed = await controller.InstallAsync(microsoft.InstanceSettings());
        if (!Report($"install application instance {controller.InstanceId}", installed))
        {
            return false;
        }

        var consent = await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = microsoft.IssueRefreshToken() });
        if (!Report($"consent refresh token: authenticationStatus {consent.Body?["authenticationStatus"]}", consent))
        {
            return false;
        }

        foreach (var (kind, type) in Types())
        {
            var (_, defined) = await controller.ProvisionAsync(kind, type);
            if (!Report($"{kind} {type["provisioningId"]}", defined))
            {
                return false;
            }
        }

        var prefix = "demo" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        Print($"order tenant {prefix}.onmicrosoft.com: O365_BUSINESS_PREMIUM x10, EXCHANGEARCHIVE_ADDON x5, ATP_ENTERPRISE x5");
        var calls = microsoft.Ledger.CallsByCorrelationId.Values.Sum();
        var (_, tenant) = await controller.ProvisionAsync("tenants", new JsonObject
        {
            ["domainPrefix"] = prefix,
            ["companyName"] = "Demo Company",
            ["country"] = "US",
            ["address"] = new JsonObject { ["addressLine1"] = "1 Microsoft Way", ["city"] = "Redmond", ["state"] = "WA", ["postalCode"] = "98052" },
            ["contact"] = new JsonObject { ["firstName"] = "Ada", ["lastName"] = "Lovelace", ["email"] = "ada@demo.example" },
            ["licenses"] = new JsonObject
            {
                ["O365_BUSINESS_PREMIUM"] = new JsonObject { ["limit"] = 10 },
                ["EXCHANGEARCHIVE_ADDON"] = new JsonObject { ["limit"] = 5 },
                ["ATP_ENTERPRISE"] = new JsonObject { ["limit"] = 5 },
            },
        });
        if (!Report("tenant provisioned", tenant))
        {
            return false;
        }

        var body = tenant.Body!;
        Console.WriteLine($"  tenant id      {body["tenantId"]}");
        Console.WriteLine($"  initial domain {body["initialDomain"]}");
        Console.WriteLine($"  admin          {body["adminLogin"]} (password returned once: {(body["adminPassword"] is null ? "no" : "yes")})");
        foreach (var subscription in body["subscriptions"]!.AsArray())
        {
            Console.WriteLine($"  subscription   {subscription!["provisioningId"],-22} {subscription["quantity"],4} seats  {subscription["status"]}  {subscription["subscriptionId"]}");
        }

        Console.WriteLine($"  Partner Center calls for the order: {microsoft.Ledger.CallsByCorrelationId.Values.Sum() - calls}");
        return true;
    }

    private static IEnumerable<(string Kind, JsonObject Type)> Types()
    {
        yield return ("licenseTypes", Type("O365_BUSINESS_PREMIUM", "Office 365 Business Premium", "031c9e47-4802-4248-838e-778fb1d2cc05", null));
        yield return ("addonTypes", Type("EXCHANGEARCHIVE_ADDON", "Exchange Online Archiving", "2828be95-46ba-4f91-b2fd-0bef192ecf60", "O365_BUSINESS_PREMIUM"));
        yield return ("addonTypes", Type("ATP_ENTERPRISE", "Exchange Online Advanced Threat Protection", "a2706f86-868d-4048-989b-0c69e5c76b63", "O365_BUSINESS_PREMIUM"));
    }

    private static JsonObject Type(string provisioningId, string name, string offerId, string? parent)
    {
        var type = new JsonObject { ["name"] = name, ["offerId"] = offerId, ["provisioningId"] = provisioningId, ["assignableToUsers"] = true };
        if (parent is not null)
        {
            type["possibleParentOffers"] = new JsonArray(parent);
        }

        return type;
    }

    private static bool Report(string what, ApsOutcome outcome)
    {
        Print($"{what}: {(int)outcome.Status}{(outcome.Succeeded ? string.Empty : $" {outcome.Error}: {outcome.Message}")}");
        return outcome.Succeeded;
    }

    private static void Print(string line) =>
        Console.WriteLine($"[{Clock.Elapsed.TotalSeconds.ToString("00.00", CultureInfo.InvariantCulture)}s] {line}");
}
