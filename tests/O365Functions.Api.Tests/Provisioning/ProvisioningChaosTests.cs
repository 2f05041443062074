using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using O365Functions.Emulators;
using O365Functions.Emulators.Aps;
using Xunit.Abstractions;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>
/// 100 new tenants through a gateway process that is killed five times while Partner Center fails one call in five
/// (429, 500, 503, or the connection dropped after the action): every tenant ends complete, and Microsoft holds no
/// customer, order or subscription twice. Each kill waits until some tenant is mid-purchase (its customer created, its
/// subscriptions not all active), then a random moment more, and must find tenants mid-purchase when it lands. The
/// kills and the faults follow one seed, printed, and set with <c>O365_CHAOS_SEED</c> to replay a run. One order in
/// ten is one Microsoft is slow to activate, past the gateway's activation timeout: that operation fails after its
/// purchase, the controller restarts the task, and the restarted operation (a new workflow id, so a new request id
/// for any order) must find what was bought instead of buying it again. (Each guard is pinned on its own by
/// <see cref="PurchaseIdempotencyTests"/>.)
/// </summary>
public sealed class ProvisioningChaosTests(ITestOutputHelper output)
{
    private const int Tenants = 100;
    private const int Kills = 5;
    private const int MaxRestarts = 30;

    private const string SeedVariable = "O365_CHAOS_SEED";

    [Fact]
    public async Task Every_tenant_completes_once_through_faults_and_five_kills_of_the_gateway()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var chosen) ? chosen : Random.Shared.Next();
        output.WriteLine($"Seed {seed} (set {SeedVariable}={seed} to replay the kills and the faults).");
        var random = new Random(seed);
        await using var microsoft = new MicrosoftEmulator(new MicrosoftEmulatorOptions
        {
            RetryAfterSeconds = 1,
            FaultSeed = seed,
            SlowProvisioningRate = 0.1,
            // Pending until the kills are over and the controller has seen a slow order's operation fail and restarted
            // it (a failure met by a reconnect after a kill is restarted too, but unseen); then they activate.
            SlowProvisioningDelay = TimeSpan.FromDays(1),
        });
        await microsoft.StartAsync();
        var data = Directory.CreateTempSubdirectory("o365-chaos-");
        var authority = microsoft.BaseUri.GetLeftPart(UriPartial.Authority);
        using var gateway = new GatewayProcess(
            data,
            "--Provisioning:ActivationPollInterval", "00:00:00.200",
            "--Provisioning:ActivationTimeout", "00:00:03",
            "--PartnerCenter:RequestBudget", "100000",
            "--Microsoft:AllowedEndpoints:0", authority);
        try
        {
            await gateway.StartAsync();
            await using var controller = new ApsControllerEmulator(new ApsControllerOptions
            {
                Endpoint = gateway.Endpoint,
                // Calls back to the controller present the instance's certificate, which the insecure gateway still stores.
                Authentication = ApsAuthentication.Certificate,
                RetryTimeScale = 0.01,
            });
            var settings = microsoft.InstanceSettings();
            settings["endpoints"] = new JsonObject { ["partnerCenter"] = authority, ["login"] = authority };
            await using var scenario = await StartAsync(controller, microsoft, settings);
            microsoft.Options.FaultRate = 0.2;

            var orders = Enumerable.Range(0, Tenants).Select(i => scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 5), ("EXCHANGEARCHIVE_ADDON", 2), ("ATP_ENTERPRISE", 2)), prefix: $"chaos{i:D3}x{Guid.NewGuid():N}"[..20])).ToList();
            var restarts = new ConcurrentBag<string>();
            var done = 0;
            var work = orders.Select(async order =>
            {
                var outcome = await UntilAnsweredAsync(controller, order, restarts);
                Interlocked.Increment(ref done);
                return outcome;
            }).ToList();
            var doneAtKills = new List<int>();
            var midPurchaseAtKills = new List<int>();
            for (var kill = 0; kill < Kills; kill++)
            {
                await UntilAsync(() => MidPurchase(microsoft) > 0, TimeSpan.FromMinutes(2));
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 1000)));
                doneAtKills.Add(Volatile.Read(ref done));
                gateway.Kill();
                midPurchaseAtKills.Add(MidPurchase(microsoft));
                await gateway.StartAsync();
            }

            await UntilAsync(() => !restarts.IsEmpty, TimeSpan.FromMinutes(2));
            microsoft.Options.SlowProvisioningDelay = TimeSpan.Zero;
            var outcomes = await Task.WhenAll(work);
            var customers = microsoft.Customers().Where(c => c.Domain.StartsWith("chaos", StringComparison.Ordinal)).ToList();
            output.WriteLine(
                $"Completed before each kill: {string.Join(", ", doneAtKills)}; mid-purchase at each kill: {string.Join(", ", midPurchaseAtKills)}; " +
                $"faults injected {microsoft.Ledger.Faults}, replays {microsoft.Ledger.Replays}, slow orders {microsoft.Ledger.SlowOrders}, tasks restarted after a failure: {restarts.Count} ({string.Join("; ", restarts.Take(2))}).");

            Assert.True(microsoft.Ledger.SlowOrders > 0, "The seed made no order slow to activate; no operation failed after its purchase.");
            Assert.Contains(restarts, restart => restart.Contains("still not active", StringComparison.Ordinal));
            Assert.All(midPurchaseAtKills, midPurchase => Assert.True(midPurchase > 0, "A kill landed while no tenant was between its customer and its last active subscription."));
            Assert.All(outcomes, outcome => Assert.Equal(HttpStatusCode.OK, outcome.Status));
            Assert.Equal(Tenants, customers.Count);
            Assert.Equal(Tenants, customers.Select(c => c.Domain).Distinct().Count());
            Assert.All(customers, customer =>
            {
                Assert.Equal(1, customer.Orders);
                Assert.Equal(3, customer.Subscriptions.Count);
                Assert.Equal(3, customer.Subscriptions.Select(s => s.OfferId).Distinct().Count());
                Assert.All(customer.Subscriptions, s => Assert.Equal("active", s.Status));
            });
            Assert.True(microsoft.Ledger.Faults > 0);
        }
        finally
        {
            gateway.Kill();
            data.Delete(recursive: true);
        }
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan deadline)
    {
        using var patience = new CancellationTokenSource(deadline);
        while (!condition())
        {
            await Task.Delay(50, patience.Token);
        }
    }

    /// <summary>Tenants whose customer exists at Microsoft but whose three subscriptions are not all active yet.</summary>
    private static int MidPurchase(MicrosoftEmulator microsoft) => microsoft.Customers()
        .Where(c => c.Domain.StartsWith("chaos", StringComparison.Ordinal))
        .Count(c => c.Subscriptions.Count(s => s.Status == "active") < 3);

    /// <summary>
    /// Drives one order as APSC would: its polls; the request again when the gateway cannot be reached; and the task
    /// restarted when it failed (a step that ran out of retries), which the gateway takes as a new attempt.
    /// </summary>
    private static async Task<ApsOutcome> UntilAnsweredAsync(ApsControllerEmulator controller, JsonObject order, ConcurrentBag<string> restarts)
    {
        order["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() };
        for (var failures = 0; ; )
        {
            try
            {
                var (_, outcome) = await controller.ProvisionAsync("tenants", order);
                if (outcome.Status == HttpStatusCode.OK || ++failures > MaxRestarts)
                {
                    return outcome;
                }

                restarts.Add($"{(int)outcome.Status} {outcome.Message}");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
    }
}
