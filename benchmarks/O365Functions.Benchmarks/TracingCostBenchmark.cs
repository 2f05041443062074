using System.Globalization;

namespace O365Functions.Benchmarks;

/// <summary>
/// What tracing costs the APS sync phase: the <c>aps-sync</c> load, back to back, against a gateway that records no
/// span (<c>Telemetry:RecentSpans</c> 0: no listener, so no span is even created) and one that records every span of
/// its own and of each HTTP call (the local default), in alternating rounds of one run, so both sides meet the same
/// machine. Reports each round and the ratio of the medians.
/// </summary>
internal static class TracingCostBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = int.Parse(ApsSyncBenchmark.Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        var clients = int.Parse(ApsSyncBenchmark.Option(args, "--clients") ?? "64", CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(ApsSyncBenchmark.Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture));
        var off = new List<double>();
        var on = new List<double>();
        Console.WriteLine($"APS sync phase, {clients} clients back to back, {duration.TotalSeconds:F0} s per round after a 3 s warm-up, workflows running; tracing off and on alternating");
        Console.WriteLine("| round | tracing | answers/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|---|");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var tracing in new[] { false, true })
            {
                var (perSecond, p50, p99) = await MeasureAsync(tracing, clients, duration);
                (tracing ? on : off).Add(perSecond);
                Console.WriteLine($"| {round} | {(tracing ? "on" : "off")} | {perSecond:F0} | {p50:F2} | {p99:F2} |");
            }
        }

        var medianOff = Median(off);
        var medianOn = Median(on);
        Console.WriteLine($"median answers/s: off {medianOff:F0}, on {medianOn:F0}; tracing costs {(1 - (medianOn / medianOff)) * 100:F1} % of the throughput");
        return 0;
    }

    private static async Task<(double PerSecond, double P50, double P99)> MeasureAsync(bool tracing, int clients, TimeSpan duration)
    {
        using var gateway = new ApsSyncBenchmark.ProbeGateway(startWorkflows: true, Environment.ProcessorCount, recentSpans: tracing ? null : 0);
        await using var controller = await gateway.StartWithInstanceAsync();

        await ApsSyncBenchmark.LoadAsync(controller, clients, TimeSpan.FromSeconds(3), rate: null);
        var (latencies, _, elapsed) = await ApsSyncBenchmark.LoadAsync(controller, clients, duration, rate: null);
        var sorted = latencies.Order().ToArray();
        return (sorted.Length / elapsed.TotalSeconds, sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(0.99 * sorted.Length))]);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
