using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using O365Functions.Core.Secrets;
using O365Functions.Emulators;
using O365Functions.PartnerCenter;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.Benchmarks;

/// <summary>
/// The Partner Center client against the emulator at zero latency: its own cost per call (time and bytes allocated
/// beyond a bare HttpClient GET of the same resource), then a burst of twice the throttling budget to show the
/// client-side limiter keeps under the service's budget while using it.
/// </summary>
internal static class PartnerCenterBenchmark
{
    private const int Warmup = 500;
    private const int Rounds = 10;
    private const int CallsPerRound = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var budget = args is ["--budget", var value] ? int.Parse(value, CultureInfo.InvariantCulture) : 300;
        await MeasureOverheadAsync();
        await MeasureBurstAsync(budget);
        return 0;
    }

    private static async Task MeasureOverheadAsync()
    {
        await using var emulator = new MicrosoftEmulator();
        await emulator.StartAsync();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var limiters = new PartnerRateLimiters();
        var (client, tokens) = Connect(emulator, http, limiters, budget: 1_000_000);
        var customerId = (await client.CreateCustomerAsync(Customer("Bench"))).Id!;
        var bearer = (await tokens.GetTokenAsync(TokenAudiences.PartnerCenter)).Reveal();
        var url = new Uri(emulator.BaseUri, $"v1/customers/{customerId}");

        async Task Raw()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsStringAsync();
        }

        async Task Typed() => await client.GetCustomerAsync(customerId);

        // Rounds alternate, so drift in the machine's speed falls on both sides; medians drop the noisy rounds.
        await RunAsync(Raw, Warmup);
        await RunAsync(Typed, Warmup);
        var raw = new List<(double Micros, double Bytes)>();
        var typed = new List<(double Micros, double Bytes)>();
        for (var round = 0; round < Rounds; round++)
        {
            raw.Add(await MeasureAsync(Raw));
            typed.Add(await MeasureAsync(Typed));
        }

        var overhead = raw.Zip(typed, (r, t) => (Micros: t.Micros - r.Micros, Bytes: t.Bytes - r.Bytes)).ToList();
        Console.WriteLine($"median of {Rounds} alternating rounds of {CallsPerRound} calls each");
        Console.WriteLine("| call | µs per call | bytes allocated per call (process) |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| bare HttpClient GET | {Median(raw, r => r.Micros):F1} | {Median(raw, r => r.Bytes):F0} |");
        Console.WriteLine($"| PartnerCenterClient.GetCustomerAsync | {Median(typed, t => t.Micros):F1} | {Median(typed, t => t.Bytes):F0} |");
        Console.WriteLine($"| client overhead | {Median(overhead, o => o.Micros):F1} | {Median(overhead, o => o.Bytes):F0} |");
        Console.WriteLine($"client overhead per round, µs: {string.Join(", ", overhead.Select(o => o.Micros.ToString("F1", CultureInfo.InvariantCulture)))}");
    }

    private static async Task RunAsync(Func<Task> call, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await call();
        }
    }

    private static async Task<(double Micros, double Bytes)> MeasureAsync(Func<Task> call)
    {
        GC.Collect();
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await RunAsync(call, CallsPerRound);
        watch.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        return (watch.Elapsed.TotalMicroseconds / CallsPerRound, (double)bytes / CallsPerRound);
    }

    private static double Median<T>(IEnumerable<T> values, Func<T, double> selector)
    {
        var sorted = values.Select(selector).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task MeasureBurstAsync(int budget)
    {
        await using var emulator = new MicrosoftEmulator(new MicrosoftEmulatorOptions { ThrottleBudget = budget, ThrottleWindow = TimeSpan.FromMinutes(1) });
        await emulator.StartAsync();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var limiters = new PartnerRateLimiters();
        var (client, _) = Connect(emulator, http, limiters, budget);
        var customerId = (await client.CreateCustomerAsync(Customer("Burst"))).Id!;

        var finishedWithinFirstMinute = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 2 * budget), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, token) =>
        {
            await client.GetCustomerAsync(customerId, token);
            if (watch.Elapsed < TimeSpan.FromMinutes(1))
            {
                Interlocked.Increment(ref finishedWithinFirstMinute);
            }
        });
        var state = emulator.Snapshot();
        Console.WriteLine(
            $"burst: {2 * budget} calls with a budget of {budget}/min (plus 1 setup call) in {watch.Elapsed.TotalSeconds:F1} s; " +
            $"{finishedWithinFirstMinute} finished in the first minute ({100.0 * finishedWithinFirstMinute / budget:F1}% of the budget); " +
            $"429s from the emulator: {state.Throttled}");
    }

    private static (PartnerCenterClient Client, SecureApplicationTokenSource Tokens) Connect(MicrosoftEmulator emulator, HttpClient http, PartnerRateLimiters limiters, int budget)
    {
        var secrets = new MemorySecretStore();
        secrets.SetAsync("partner-client-secret", emulator.Options.ClientSecret).GetAwaiter().GetResult();
        secrets.SetAsync("partner-refresh-token", emulator.Options.InitialRefreshToken).GetAwaiter().GetResult();
        var tokens = new SecureApplicationTokenSource(http, secrets, new EntraTokenOptions
        {
            AuthorityHost = emulator.BaseUri,
            PartnerTenantId = emulator.Options.PartnerTenantId,
            ClientId = emulator.Options.ClientId,
        });
        var options = new PartnerCenterOptions { BaseUri = emulator.BaseUri, PartnerTenantId = emulator.Options.PartnerTenantId, RequestBudget = budget };
        return (new PartnerCenterClient(new PartnerCenterTransport(http, options, tokens, limiters), options), tokens);
    }

    private static O365Functions.PartnerCenter.Models.Customer Customer(string name) => new()
    {
        CompanyProfile = new() { Domain = $"{name.ToLowerInvariant()}{Guid.NewGuid():N}"[..24] + ".onmicrosoft.com" },
        BillingProfile = new() { CompanyName = name, DefaultAddress = new() { Country = "US" } },
    };

    /// <summary>Secrets held in memory: the benchmark measures the client, not the secret file.</summary>
    private sealed class MemorySecretStore : ISecretStore
    {
        private readonly Dictionary<string, SecretValue> _values = [];

        public Task<SecretValue?> GetAsync(string name, CancellationToken cancellationToken = default) =>
            Task.FromResult(_values.GetValueOrDefault(name));

        public Task<string> SetAsync(string name, string value, CancellationToken cancellationToken = default)
        {
            var version = Guid.NewGuid().ToString("N");
            _values[name] = new SecretValue(name, version, value);
            return Task.FromResult(version);
        }

        public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult(_values.Remove(name));
    }
}
