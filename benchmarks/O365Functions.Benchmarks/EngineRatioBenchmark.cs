using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using O365Functions.Core.Workflows;
using O365Functions.FunctionApp.Workflows;
using O365Functions.Orchestration;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Benchmarks;

/// <summary>
/// One workload on both engines of the workflow port, in one run: the embedded runtime on a SQLite file, and the real
/// Durable Task SDK on its in-process test host (in memory) through the Functions app's adapters. The same
/// registration and the same client calls drive both, with the same number of orchestrations in flight (the test
/// host stalls in 500 ms sleeps once its work items outnumber its processor count, which says nothing about Durable
/// Functions in Azure), rounds alternate between the engines, and the ratio of their throughputs is reported.
/// </summary>
internal static class EngineRatioBenchmark
{
    private const int ActivitiesPerOrchestration = BenchmarkWorkflows.ActivitiesPerOrchestration;

    public static async Task<int> RunAsync(string[] args)
    {
        var orchestrations = Option(args, "--orchestrations") ?? 1000;
        var rounds = Option(args, "--rounds") ?? 5;
        var embeddedOrchestrators = Option(args, "--embedded-orchestrators") ?? Environment.ProcessorCount;
        var inFlight = Option(args, "--in-flight") ?? 8;
        var warmUpRounds = Option(args, "--warm-up-rounds") ?? 3;
        var folder = Directory.CreateTempSubdirectory("o365-engines-");
        try
        {
            var store = new SqliteEntityStore(Path.Combine(folder.FullName, "bench.db"));
            Console.WriteLine($"{orchestrations} orchestrations x {ActivitiesPerOrchestration} activities per round, {inFlight} in flight; the runtime reports {Environment.ProcessorCount} processors; embedded step workers: {embeddedOrchestrators}");
            // Both engines reach their speed only after thousands of orchestrations (tiered JIT, gRPC, SQLite's
            // caches); a short warm-up flatters whichever warms faster, so each first runs full rounds.
            Console.WriteLine("warm-up:");
            for (var round = 0; round < warmUpRounds; round++)
            {
                await RoundAsync("embedded (SQLite)", orchestrations, inFlight, () => EmbeddedAsync(store, embeddedOrchestrators));
                await RoundAsync("Durable test host (memory)", orchestrations, inFlight, DurableAsync);
            }

            Console.WriteLine("measured:");
            var embedded = new List<double>();
            var durable = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                embedded.Add(await RoundAsync("embedded (SQLite)", orchestrations, inFlight, () => EmbeddedAsync(store, embeddedOrchestrators)));
                durable.Add(await RoundAsync("Durable test host (memory)", orchestrations, inFlight, DurableAsync));
            }

            var (embeddedMedian, durableMedian) = (embedded.Order().ElementAt(rounds / 2), durable.Order().ElementAt(rounds / 2));
            Console.WriteLine($"median orchestrations/s: embedded {embeddedMedian:F1}, Durable {durableMedian:F1}; ratio embedded/Durable = {embeddedMedian / durableMedian:F2}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }

        return 0;
    }

    private static async Task<double> RoundAsync(string engine, int orchestrations, int inFlight, Func<Task<(IWorkflowClient Client, IAsyncDisposable Engine)>> start)
    {
        var (client, running) = await start();
        await using (running)
        {
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, orchestrations), new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (_, cancellationToken) =>
            {
                var id = await client.StartWorkflowAsync("TenSteps", cancellationToken: cancellationToken);
                var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
                if (done.ReadOutputAs<int>() != ActivitiesPerOrchestration)
                {
                    throw new InvalidOperationException($"{engine}: {id} ended {done.RuntimeStatus} with {done.SerializedOutput}.");
                }
            });

            var perSecond = orchestrations / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"  {engine}: {orchestrations} in {watch.Elapsed.TotalSeconds:F2} s = {perSecond:F1} orchestrations/s, {perSecond * ActivitiesPerOrchestration:F0} activities/s");
            return perSecond;
        }
    }

    private static async Task<(IWorkflowClient, IAsyncDisposable)> EmbeddedAsync(SqliteEntityStore store, int orchestrators)
    {
        var registry = new WorkflowRegistry();
        registry.AddTenSteps();
        var runtime = new EmbeddedWorkflowRuntime(store, registry, new EmbeddedRuntimeOptions
        {
            TaskHubName = "Bench" + Guid.NewGuid().ToString("N")[..8],
            MaxConcurrentWorkflows = orchestrators,
        });
        await runtime.StartAsync();
        return (runtime.Client, runtime);
    }

    private static async Task<(IWorkflowClient, IAsyncDisposable)> DurableAsync()
    {
        DurableWorkflowRegistrar? registrar = null;
        var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                registrar = new DurableWorkflowRegistrar(registry);
                registrar.AddTenSteps();
            },
            new DurableTaskTestHostOptions { LoggerFactory = NullLoggerFactory.Instance });
        return (new DurableWorkflowClient(host.Client, registrar!.WorkflowNames), host);
    }

    private static int? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : null;
    }
}
