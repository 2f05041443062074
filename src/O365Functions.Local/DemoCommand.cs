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
/// the Microsoft emulator), then plays CloudBlue Commerce with the controller emulator over OAuth: installs an
/// application instance, gives it a consent refresh token, defines Business Premium and two of its add-ons, creates a
/// customer account and a subscription whose limits sell them, orders the tenant with only its links, raises a limit
/// through Commerce's limits-changed event, and adds a user from a service user, printing each step as Commerce sees it.
/// With <c>--console</c> the gateway listens on http://127.0.0.1:7071 with a fresh admin key it prints, and keeps
/// running after the demo, so the operations console shows the demo tenant's operations and traces.
/// </summary>
internal static class DemoCommand
{
    private const string ConsumerKey = "o365functions-demo";
    private static readonly Stopwatch Clock = new();

    public static async Task<int> RunAsync(string[] args)
    {
        // --console keeps the gateway on the README's address afterwards, with the console signed in by a fresh key.
        var console = args.Contains("--console");
        args = [.. args.Where(a => a != "--console")];
        var data = Directory.CreateTempSubdirectory("o365functions-demo-");
        var consumerSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using var app = LocalGateway.Build([
            "--urls", console ? "http://127.0.0.1:7071" : "http://127.0.0.1:0",
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
            await controller.StartAsync();
            var adminKey = console ? await OpenConsoleAsync(app, endpoint) : null;
            var played = await PlayAsync(controller, microsoft);
            if (adminKey is not null)
            {
                await KeepRunningAsync(endpoint, adminKey);
            }

            return played ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            data.Delete(recursive: true);
        }
    }

    /// <summary>Stores a fresh admin key for this throw-away gateway and says where its console is.</summary>
    private static async Task<string> OpenConsoleAsync(WebApplication app, Uri endpoint)
    {
        var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await app.Services.GetRequiredService<ISecretStore>().SetAsync(Api.Operations.OperatorAccess.KeySecretName, key);
        Console.WriteLine($"  console   {new Uri(endpoint, "/console")} (admin key {key}: this throw-away gateway's own, gone when it stops)");
        return key;
    }

    private static async Task KeepRunningAsync(Uri endpoint, string adminKey)
    {
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, press) =>
        {
            press.Cancel = true;
            stop.TrySetResult();
        };
        Console.WriteLine($"The gateway keeps running: open {new Uri(endpoint, "/console")}, sign in with {adminKey}, and follow the demo tenant's operations and traces. Ctrl+C stops it and deletes its data.");
        await stop.Task;
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

        var types = new Dictionary<string, string>();
        foreach (var (kind, type) in Types())
        {
            var (id, defined) = await controller.ProvisionAsync(kind, type);
            if (!Report($"{kind} {type["provisioningId"]}", defined))
            {
                return false;
            }

            types[type["provisioningId"]!.GetValue<string>()] = id;
        }

        var account = controller.CreateAccount("Demo Company");
        var subscription = controller.CreateSubscription(account,
            [(types["O365_BUSINESS_PREMIUM"], 10), (types["EXCHANGEARCHIVE_ADDON"], 5), (types["ATP_ENTERPRISE"], 5)]);
        Print($"Commerce: account 'Demo Company' {account}, subscription {subscription} with limits O365_BUSINESS_PREMIUM 10, EXCHANGEARCHIVE_ADDON 5, ATP_ENTERPRISE 5");
        var calls = microsoft.Ledger.CallsByCorrelationId.Values.Sum();
        var (tenantId, tenant) = await controller.ProvisionTenantAsync(subscription);
        if (!Report("tenant ordered with only its account and subscription links: provisioned", tenant))
        {
            return false;
        }

        var body = tenant.Body!;
        Console.WriteLine($"  tenant id      {body["tenantId"]}");
        Console.WriteLine($"  initial domain {body["initialDomain"]} (made from the account's company name)");
        Console.WriteLine($"  admin          {body["adminLogin"]} (password returned once: {(body["adminPassword"] is null ? "no" : "yes")})");
        PrintSeats(body);
        Console.WriteLine($"  Partner Center calls for the order: {microsoft.Ledger.CallsByCorrelationId.Values.Sum() - calls}");

        Print("Commerce: change order raises O365_BUSINESS_PREMIUM to 15 and delivers the limits-changed event");
        calls = microsoft.Ledger.CallsByCorrelationId.Values.Sum();
        var delivery = (await controller.ChangeLimitsAsync(subscription, [(types["O365_BUSINESS_PREMIUM"], 15)])).Single();
        Print($"  event delivered: {delivery.Delivered} ({(int)delivery.LastStatus} after {delivery.Attempts} attempt(s))");
        for (var i = 0; i < 100 && (await controller.RetrieveAsync("tenants", tenantId)).Body?["seats"]?.AsArray().Any(s => s!["provisioningId"]!.GetValue<string>() == "O365_BUSINESS_PREMIUM" && s["purchased"]!.GetValue<int>() == 15) != true; i++)
        {
            await Task.Delay(100);
        }

        var changed = await controller.RetrieveAsync("tenants", tenantId);
        PrintSeats(changed.Body!);
        Console.WriteLine($"  Partner Center calls for the change: {microsoft.Ledger.CallsByCorrelationId.Values.Sum() - calls}");

        var serviceUser = controller.CreateServiceUser(account, "Grace", "Hopper", "grace@demo.example");
        Print($"Commerce: service user Grace Hopper {serviceUser} gets a Business Premium license");
        var (_, user) = await controller.ProvisionAsync("users", new JsonObject
        {
            ["tenant"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = tenantId } },
            ["user"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = serviceUser } },
            ["licenses"] = new JsonArray("O365_BUSINESS_PREMIUM"),
        });
        if (!Report($"user {user.Body?["userPrincipalName"]} ({user.Body?["displayName"]}) created, first password returned once: {(user.Body?["initialPassword"] is null ? "no" : "yes")}", user))
        {
            return false;
        }

        PrintSeats((await controller.RetrieveAsync("tenants", tenantId)).Body!);
        return true;
    }

    private static void PrintSeats(JsonObject tenant)
    {
        foreach (var seat in tenant["seats"]!.AsArray())
        {
            Console.WriteLine($"  seats          {seat!["provisioningId"],-22} limit {seat["limit"],3}  bought {seat["purchased"],3}  assigned {seat["assigned"],3}");
        }
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
