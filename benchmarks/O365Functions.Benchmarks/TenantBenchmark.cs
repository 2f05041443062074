extern alias localgateway;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using O365Functions.Emulators;
using O365Functions.Emulators.Aps;

namespace O365Functions.Benchmarks;

/// <summary>
/// Tenants end to end: the APS controller emulator, playing Commerce, orders new tenants (a subscription with limits
/// for Business Premium and two add-ons each) from the local gateway over HTTPS with its certificate, the gateway runs ProvisionTenant on its embedded runtime over
/// SQLite against its Microsoft emulator at zero latency, and the controller polls until each answers 200. Reports
/// tenants a minute and the Partner Center calls each tenant's operation made (by its MS-CorrelationId).
/// </summary>
internal static class TenantBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var tenants = int.Parse(Option(args, "--tenants") ?? "300", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option(args, "--concurrency") ?? "50", CultureInfo.InvariantCulture);
        using var gateway = new BenchmarkGateway();
        var (emulator, microsoft, types) = await StartAsync(gateway);
        await using var controller = emulator;

        await ProvisionAsync(controller, types, 20, concurrency, "warm");
        var before = microsoft.Ledger.CallsByCorrelationId.ToDictionary();
        var started = Stopwatch.GetTimestamp();
        var failures = await ProvisionAsync(controller, types, tenants, concurrency, "bench");
        var elapsed = Stopwatch.GetElapsedTime(started);
        var perTenant = microsoft.Ledger.CallsByCorrelationId.Where(c => !before.ContainsKey(c.Key)).Select(c => c.Value).Order().ToList();

        Console.WriteLine($"tenants: {tenants} (Business Premium + 2 add-ons each), {concurrency} in flight, emulator latency 0");
        Console.WriteLine($"elapsed: {elapsed.TotalSeconds:0.0} s -> {tenants / elapsed.TotalMinutes:0} tenants/minute; failed: {failures}");
        Console.WriteLine($"Partner Center calls per tenant: min {perTenant[0]}, median {perTenant[perTenant.Count / 2]}, max {perTenant[^1]}, mean {perTenant.Average():0.00} over {perTenant.Count} operations");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> ProvisionAsync(ApsControllerEmulator controller, IReadOnlyList<string> types, int count, int concurrency, string prefix)
    {
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var subscription = controller.CreateSubscription(controller.CreateAccount("Benchmark Company"), [(types[0], 10), (types[1], 5), (types[2], 5)]);
            var (_, outcome) = await controller.ProvisionTenantAsync(subscription, new JsonObject { ["domainPrefix"] = $"{prefix}{i}{Guid.NewGuid():N}"[..24] }, ct);
            if (outcome.Status != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref failures);
                Console.Error.WriteLine($"{(int)outcome.Status} {outcome.Message}");
            }
        });
        return failures;
    }

    /// <summary>
    /// Starts <paramref name="gateway"/> on HTTPS and a controller emulator playing Commerce against it, installs and
    /// authenticates an instance, and defines the three types; the caller disposes the controller.
    /// </summary>
    internal static async Task<(ApsControllerEmulator Controller, MicrosoftEmulator Microsoft, IReadOnlyList<string> Types)> StartAsync(BenchmarkGateway gateway)
    {
        gateway.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps()));
        gateway.StartServer();
        var address = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var microsoft = gateway.Services.GetRequiredService<MicrosoftEmulator>();
        var controller = new ApsControllerEmulator(new ApsControllerOptions { Endpoint = new Uri(new Uri(address), "/aps/"), RetryTimeScale = 0.1, MaxPolls = 10_000 });
        await controller.StartAsync();
        return (controller, microsoft, await SetUpAsync(controller, microsoft));
    }

    /// <summary>Installs and authenticates the instance and defines the three types; answers their resource ids.</summary>
    private static async Task<IReadOnlyList<string>> SetUpAsync(ApsControllerEmulator controller, MicrosoftEmulator microsoft)
    {
        Ensure(await controller.InstallAsync(microsoft.InstanceSettings()));
        Ensure(await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = microsoft.IssueRefreshToken() }));
        var ids = new List<string>();
        foreach (var (service, type) in new[]
        {
            ("licenseTypes", Type("O365_BUSINESS_PREMIUM", "031c9e47-4802-4248-838e-778fb1d2cc05", null)),
            ("addonTypes", Type("EXCHANGEARCHIVE_ADDON", "2828be95-46ba-4f91-b2fd-0bef192ecf60", "O365_BUSINESS_PREMIUM")),
            ("addonTypes", Type("ATP_ENTERPRISE", "a2706f86-868d-4048-989b-0c69e5c76b63", "O365_BUSINESS_PREMIUM")),
        })
        {
            var (id, outcome) = await controller.ProvisionAsync(service, type);
            Ensure(outcome);
            ids.Add(id);
        }

        return ids;
    }

    private static JsonObject Type(string provisioningId, string offerId, string? parent)
    {
        var type = new JsonObject { ["name"] = provisioningId, ["offerId"] = offerId, ["provisioningId"] = provisioningId, ["assignableToUsers"] = true };
        if (parent is not null)
        {
            type["possibleParentOffers"] = new JsonArray(parent);
        }

        return type;
    }

    private static void Ensure(ApsOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Benchmark set-up failed: {(int)outcome.Status} {outcome.Message}");
        }
    }

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>
    /// The local gateway as shipped, with quiet logs, a fresh data folder, one-second poll answers, and a Partner Center
    /// budget the emulator does not impose (the shipped 500 a minute would be the ceiling otherwise).
    /// </summary>
    internal sealed class BenchmarkGateway : WebApplicationFactory<localgateway::Program>
    {
        private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-tenant-bench-");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSolutionRelativeContentRoot("src/O365Functions.Local");
            builder.UseSetting("Microsoft:EmulatorPort", "0");
            builder.UseSetting("Storage:DataDirectory", _data.FullName);
            builder.UseSetting("Aps:Certificate:ControllerIssuers:0", ApsControllerEmulator.ControllerAuthority.ExportCertificatePem());
            builder.UseSetting("Aps:RetryTimeout", "00:00:01");
            builder.UseSetting("Provisioning:ActivationPollInterval", "00:00:00.200");
            builder.UseSetting("PartnerCenter:RequestBudget", "1000000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:O365Functions", "Warning");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && _data.Exists)
            {
                _data.Delete(recursive: true);
            }
        }
    }
}
