using System.Diagnostics;

namespace O365Functions.Benchmarks;

/// <summary>Times repeated operations and reports percentiles in milliseconds.</summary>
internal sealed class LatencyRecorder(string name)
{
    private readonly List<double> _samples = [];

    public async Task MeasureAsync(int iterations, Func<int, Task> operation)
    {
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(i);
            _samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    public string Report()
    {
        var sorted = _samples.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return $"| {name} | {sorted.Length} | {At(0.50):F3} | {At(0.95):F3} | {At(0.99):F3} |";
    }
}
