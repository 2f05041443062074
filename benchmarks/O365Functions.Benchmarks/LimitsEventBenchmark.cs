using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using O365Functions.Emulators;
using O365Functions.Emulators.Aps;

namespace O365Functions.Benchmarks;

/// <summary>
/// Commerce's limits-changed events against the local gateway as shipped: the controller emulator provisions tenants,
/// then delivers events paced to a rate, each after a change order that moves one tenant's Business Premium limit, and
/// counts each answer's latency from its scheduled time. Afterwards every tenant's seats at Microsoft must equal its last
/// limit. In the same run, one change through the event and one through a configure (PUT) are counted in Partner Center
/// calls, so the two paths are compared on the same gateway.
/// </summary>
internal static class LimitsEventBenchmark
{
    private const string BusinessPremium = "031c9e47-4802-4248-838e-778fb1d2cc05";

    public static async Task<int> RunAsync(string[] args)
    {
        var tenantCount = int.Parse(TenantBenchmark.Option(args, "--tenants") ?? "10", CultureInfo.InvariantCulture);
        var rate = double.Parse(TenantBenchmark.Option(args, "--rate") ?? "50", CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(TenantBenchmark.Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture));
        using var gateway = new TenantBenchmark.BenchmarkGateway();
        var (started, microsoft, types) = await TenantBenchmark.StartAsync(gateway);
        await using var controller = started;

        var tenants = new List<(string Id, string Subscription, string Customer)>();
        foreach (var i in Enumerable.Range(0, tenantCount))
        {
            var subscription = controller.CreateSubscription(controller.CreateAccount("Benchmark Company"), [(types[0], 10)]);
            var (id, outcome) = await controller.ProvisionTenantAsync(subscription, new JsonObject { ["domainPrefix"] = $"ev{i}{Guid.NewGuid():N}"[..20] });
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Benchmark set-up failed: {(int)outcome.Status} {outcome.Message}");
            }

            tenants.Add((id, subscription, outcome.Body!["tenantId"]!.GetValue<string>()));
        }

        var (eventCalls, configureCalls) = await CompareOneChangeAsync(controller, microsoft, tenants[0], types[0]);
        var limits = tenants.ToDictionary(t => t.Id, _ => 10L);
        var latencies = new List<double>();
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        var gate = new object();
        for (var k = 0; ; k++)
        {
            var scheduled = TimeSpan.FromSeconds(k / rate);
            if (scheduled >= duration)
            {
                break;
            }

            if (scheduled > clock.Elapsed)
            {
                await Task.Delay(scheduled - clock.Elapsed);
            }

            var tenant = tenants[k % tenants.Count];
            var limit = limits[tenant.Id] = 5 + (k % 11);
            controller.SetLimits(tenant.Subscription, [(types[0], limit)]);
            sends.Add(Task.Run(async () =>
            {
                using var response = await controller.SendAsync(HttpMethod.Post, $"tenants/{tenant.Id}/onLimitsChanged", Event(tenant.Subscription, k));
                var latency = (clock.Elapsed - scheduled).TotalMilliseconds;
                lock (gate)
                {
                    latencies.Add(latency);
                    statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                }
            }));
        }

        await Task.WhenAll(sends);
        var elapsed = clock.Elapsed;
        var settled = Stopwatch.StartNew();
        var behind = tenants.Count;
        while (settled.Elapsed < TimeSpan.FromMinutes(3) && (behind = tenants.Count(t => Seats(microsoft, t.Customer) != limits[t.Id])) > 0)
        {
            // A tenant whose last event arrived behind a running change is caught up by Commerce's usage read.
            foreach (var tenant in tenants.Where(t => Seats(microsoft, t.Customer) != limits[t.Id]))
            {
                await controller.RetrieveAsync("tenants", tenant.Id);
            }

            await Task.Delay(500);
        }

        var sorted = latencies.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"POST /aps/tenants/{{id}}/onLimitsChanged paced to {rate:F0} events/s over {tenantCount} tenants for {elapsed.TotalSeconds:F1} s, HTTPS with the controller certificate, {Environment.ProcessorCount} cores");
        Console.WriteLine("| events | p50 ms | p95 ms | p99 ms | max ms | statuses | tenants behind their last limit after settling |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {sorted.Length} | {At(0.50):F2} | {At(0.95):F2} | {At(0.99):F2} | {sorted[^1]:F2} | " +
            $"{string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))} | {behind} (settled in {settled.Elapsed.TotalSeconds:F1} s) |");
        Console.WriteLine($"Partner Center calls for one seat change: {eventCalls} through the event, {configureCalls} through a configure");
        return statuses.Keys.All(s => s == 200) && behind == 0 && eventCalls <= configureCalls ? 0 : 1;
    }

    /// <summary>The Partner Center calls of one seat change through the event, then of one through a configure, on the same tenant.</summary>
    private static async Task<(int Event, int Configure)> CompareOneChangeAsync(
        ApsControllerEmulator controller, MicrosoftEmulator microsoft, (string Id, string Subscription, string Customer) tenant, string type)
    {
        var before = microsoft.Ledger.CallsByCorrelationId.Values.Sum();
        await controller.ChangeLimitsAsync(tenant.Subscription, [(type, 12)]);
        while (Seats(microsoft, tenant.Customer) != 12)
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        var afterEvent = microsoft.Ledger.CallsByCorrelationId.Values.Sum();
        controller.SetLimits(tenant.Subscription, [(type, 10)]);
        var configured = await controller.ConfigureAsync("tenants", tenant.Id, (JsonObject)controller.Resources[tenant.Id].DeepClone());
        if (!configured.Succeeded)
        {
            throw new InvalidOperationException($"The configure failed: {(int)configured.Status} {configured.Message}");
        }

        return (afterEvent - before, microsoft.Ledger.CallsByCorrelationId.Values.Sum() - afterEvent);
    }

    private static int Seats(MicrosoftEmulator microsoft, string customerId) =>
        microsoft.Customers().Single(c => c.Id == customerId).Subscriptions.Single(s => s.OfferId == BusinessPremium).Quantity;

    private static JsonObject Event(string subscription, int serial) => new()
    {
        ["event"] = ApsControllerEmulator.LimitsChangedEvent,
        ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["serial"] = serial,
        ["subscription"] = subscription,
        ["source"] = new JsonObject { ["id"] = subscription, ["type"] = ApsControllerEmulator.SubscriptionType },
    };
}
