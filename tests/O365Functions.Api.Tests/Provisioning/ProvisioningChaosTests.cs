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
/// customer, order or subscription twice.
/// </summary>
public sealed class ProvisioningChaosTests(ITestOutputHelper output)
{
    private const int Tenants = 100;
    private const int Kills = 5;

    [Fact]
    public async Task Every_tenant_completes_once_through_faults_and_five_kills_of_the_gateway()
    {
        await using var microsoft = new MicrosoftEmulator(new MicrosoftEmulatorOptions { RetryAfterSeconds = 1 });
        await microsoft.StartAsync();
        var data = Directory.CreateTempSubdirectory("o365-chaos-");
        var authority = microsoft.BaseUri.GetLeftPart(UriPartial.Authority);
        using var gateway = new GatewayProcess(data, "--Provisioning:ActivationPollInterval", "00:00:00.200", "--PartnerCenter:RequestBudget", "100000", "--Microsoft:AllowedEndpoints:0", authority);
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
            for (var kill = 0; kill < Kills; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1 + Random.Shared.NextDouble()));
                doneAtKills.Add(Volatile.Read(ref done));
                gateway.Kill();
                await gateway.StartAsync();
            }

            var outcomes = await Task.WhenAll(work);
            var customers = microsoft.Customers().Where(c => c.Domain.StartsWith("chaos", StringComparison.Ordinal)).ToList();
            output.WriteLine($"Completed before each kill: {string.Join(", ", doneAtKills)}; faults injected {microsoft.Ledger.Faults}, replays {microsoft.Ledger.Replays}, tasks restarted after a 500: {restarts.Count}.");

            Assert.True(doneAtKills[0] < Tenants, "The first kill came after every tenant was done.");
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

    /// <summary>
    /// Drives one order as APSC would: its polls; the request again when the gateway cannot be reached; and the task
    /// restarted when it failed (a step that ran out of retries), which the gateway takes as a new attempt.
    /// </summary>
    private static async Task<ApsOutcome> UntilAnsweredAsync(ApsControllerEmulator controller, JsonObject order, ConcurrentBag<string> restarts)
    {
        order["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (_, outcome) = await controller.ProvisionAsync("tenants", order);
                if (outcome.Status != HttpStatusCode.InternalServerError || attempt >= 10)
                {
                    return outcome;
                }

                restarts.Add(outcome.Message ?? string.Empty);
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
