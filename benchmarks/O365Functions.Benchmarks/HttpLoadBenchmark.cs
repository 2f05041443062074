using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace O365Functions.Benchmarks;

/// <summary>
/// A closed-loop HTTP load against a running gateway: N clients each send one request after another for a fixed
/// time. Reports throughput, latency percentiles and the status codes seen, so a faster answer that is wrong shows.
/// </summary>
internal static class HttpLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(Option(args, "--url") ?? "http://127.0.0.1:7090/catalog/plan");
        var clients = int.Parse(Option(args, "--clients") ?? "64", System.Globalization.CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(Option(args, "--seconds") ?? "15", System.Globalization.CultureInfo.InvariantCulture));
        var body = Option(args, "--body");
        var warmUp = TimeSpan.FromSeconds(3);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        await LoadAsync(http, url, body, clients, warmUp);
        var (latencies, statuses, elapsed) = await LoadAsync(http, url, body, clients, duration);

        var sorted = latencies.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"{(body is null ? "GET" : "POST")} {url.PathAndQuery}, {clients} clients, {elapsed.TotalSeconds:F1} s after a {warmUp.TotalSeconds:0} s warm-up");
        Console.WriteLine("| requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | statuses |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {sorted.Length} | {sorted.Length / elapsed.TotalSeconds:F0} | {At(0.50):F2} | {At(0.95):F2} | {At(0.99):F2} | {sorted[^1]:F2} | {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))} |");
        return 0;
    }

    private static async Task<(List<double> Latencies, Dictionary<int, int> Statuses, TimeSpan Elapsed)> LoadAsync(
        HttpClient http, Uri url, string? body, int clients, TimeSpan duration)
    {
        var content = body is null ? null : Encoding.UTF8.GetBytes(body);
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var statuses = new Dictionary<int, int>();
            while (clock.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(content is null ? HttpMethod.Get : HttpMethod.Post, url);
                if (content is not null)
                {
                    request.Content = new ByteArrayContent(content);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.CopyToAsync(Stream.Null);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            }

            return (latencies, statuses);
        })));
        var elapsed = clock.Elapsed;
        var all = perClient.SelectMany(c => c.latencies).ToList();
        var counts = perClient.SelectMany(c => c.statuses).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        return (all, counts, elapsed);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
