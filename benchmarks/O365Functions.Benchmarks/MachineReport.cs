using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace O365Functions.Benchmarks;

/// <summary>
/// The machine a benchmark ran on, printed first by every workload run so that figures from different machines of
/// the same kind can be told apart: the processor, the cores the runtime sees, memory, the collector's mode, and an
/// fsync probe, since SQLite's commits wait for the disk.
/// </summary>
internal static class MachineReport
{
    private const int FsyncProbes = 100;

    public static void Print()
    {
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        var concurrent = GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent";
        Console.WriteLine(
            $"machine: {Processor()}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):F0} GiB; " +
            $"{RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}; {gc} {concurrent} GC; fsync of 4 KiB: {FsyncProbe()}; " +
            $"load average {LoadAverage()}");
    }

    private static string Processor()
    {
        const string path = "/proc/cpuinfo";
        var model = File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }

    /// <summary>Median and 99th percentile of <see cref="FsyncProbes"/> appends of 4 KiB, each flushed to disk.</summary>
    private static string FsyncProbe()
    {
        var path = Path.Combine(Path.GetTempPath(), $"o365-fsync-{Guid.NewGuid():N}");
        try
        {
            var block = new byte[4096];
            var samples = new double[FsyncProbes];
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                for (var i = 0; i < FsyncProbes; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    file.Write(block);
                    file.Flush(flushToDisk: true);
                    samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }

            Array.Sort(samples);
            return $"p50 {samples[FsyncProbes / 2]:F2} ms, p99 {samples[FsyncProbes * 99 / 100]:F2} ms";
        }
        finally
        {
            File.Delete(path);
        }
    }
}
