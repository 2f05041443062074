using System.Diagnostics;

namespace O365Functions.Benchmarks;

/// <summary>
/// What the garbage collector did between its creation and <see cref="Close"/>: bytes allocated by every thread,
/// collections per generation, time paused and the wall time it spans, so a run can report its allocations per unit
/// of work, the share of its time spent paused, and the processor time the process used.
/// </summary>
internal sealed class GcWindow
{
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: true);
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>The figures from the window's start to now.</summary>
    public GcFigures Close() => new(
        GC.GetTotalAllocatedBytes(precise: true) - _allocated,
        GC.CollectionCount(0) - _collections[0],
        GC.CollectionCount(1) - _collections[1],
        GC.CollectionCount(2) - _collections[2],
        GC.GetTotalPauseDuration() - _paused,
        Stopwatch.GetElapsedTime(_started),
        Process.GetCurrentProcess().TotalProcessorTime - _cpu);
}

/// <summary>A closed <see cref="GcWindow"/>.</summary>
internal sealed record GcFigures(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused, TimeSpan Elapsed, TimeSpan ProcessorTime)
{
    /// <summary>The share of the window's wall time the collector paused the process.</summary>
    public double PauseShare => Paused / Elapsed;

    /// <summary>One line: allocations and gen-0 collections per <paramref name="units"/> of work, and the pause share.</summary>
    public string Describe(long units, string unit) =>
        $"{AllocatedBytes / Math.Max(1, units):N0} bytes allocated per {unit}, {Gen0 * 1000.0 / Math.Max(1, units):F1} gen-0 collections per 1,000 {unit}s " +
        $"({Gen0} gen0, {Gen1} gen1, {Gen2} gen2 for {units:N0}); {Paused.TotalMilliseconds:F0} ms paused in {Elapsed.TotalSeconds:F1} s = {PauseShare:P1}; " +
        $"{ProcessorTime.TotalMilliseconds / Math.Max(1, units):F2} ms of processor time per {unit}";
}
