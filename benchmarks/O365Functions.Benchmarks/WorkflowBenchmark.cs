using System.Diagnostics;
using System.Globalization;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Benchmarks;

/// <summary>
/// The embedded runtime on SQLite: throughput of orchestrations of ten sequential activities, and the time to
/// resume 1,000 running instances after a restart, with the process's peak working set.
/// </summary>
internal static class WorkflowBenchmark
{
    private const int ActivitiesPerOrchestration = BenchmarkWorkflows.ActivitiesPerOrchestration;

    public static async Task<int> RunAsync(string[] args)
    {
        var orchestrations = args is ["--orchestrations", var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 500;
        var folder = Directory.CreateTempSubdirectory("o365-bench-");
        try
        {
            var store = new SqliteEntityStore(Path.Combine(folder.FullName, "bench.db"));
            await MeasureThroughputAsync(store, 50, "warm-up", "TenSteps", ActivitiesPerOrchestration);
            await MeasureThroughputAsync(store, orchestrations, "measured", "TenSteps", ActivitiesPerOrchestration);
            await MeasureThroughputAsync(store, orchestrations * 4, "one activity each, as aps-sync's probe", "OneStep", 1);
            await MeasureResumeAsync(store, 1_000);
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / (1024 * 1024)} MB");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }

        return 0;
    }

    private static WorkflowRegistry Registry()
    {
        var registry = new WorkflowRegistry();
        registry.AddTenSteps().AddWorkflow("OneStep", async context => await context.CallActivityAsync<int>("Increment", 0));
        registry.AddWorkflow("WaitThenStep", async context =>
        {
            var value = await context.WaitForExternalEvent<int>("go");
            return await context.CallActivityAsync<int>("Increment", value);
        });
        return registry;
    }

    /// <summary>
    /// Starts <paramref name="orchestrations"/> of <paramref name="workflow"/> at once and waits for each, reporting
    /// the throughput and what the collector did meanwhile, per orchestration and per step (a step per activity
    /// outcome and one for the start). Each workflow outputs its number of activities, which is checked.
    /// </summary>
    private static async Task MeasureThroughputAsync(SqliteEntityStore store, int orchestrations, string label, string workflow, int activities)
    {
        var options = new EmbeddedRuntimeOptions { TaskHubName = "Bench" + Guid.NewGuid().ToString("N")[..8] };
        await using var runtime = new EmbeddedWorkflowRuntime(store, Registry(), options);
        await runtime.StartAsync();
        var watch = Stopwatch.StartNew();
        var gc = new GcWindow();
        var ids = new List<string>(orchestrations);
        for (var i = 0; i < orchestrations; i++)
        {
            ids.Add(await runtime.Client.StartWorkflowAsync(workflow));
        }

        foreach (var id in ids)
        {
            var done = await runtime.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            if (done.ReadOutputAs<int>() != activities)
            {
                throw new InvalidOperationException($"{id} ended {done.RuntimeStatus} with {done.SerializedOutput}.");
            }
        }

        var figures = gc.Close();
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"throughput ({label}): {orchestrations} orchestrations x {activities} activities in {seconds:F2} s = " +
            $"{orchestrations / seconds:F1} orchestrations/s, {orchestrations * activities / seconds:F0} activities/s");
        Console.WriteLine($"  {figures.Describe(orchestrations, "orchestration")}; {figures.AllocatedBytes / (orchestrations * (activities + 1L)):N0} bytes per step");
    }

    private static async Task MeasureResumeAsync(SqliteEntityStore store, int instances)
    {
        var options = new EmbeddedRuntimeOptions { TaskHubName = "Resume" + Guid.NewGuid().ToString("N")[..8] };
        var ids = new List<string>(instances);
        await using (var before = new EmbeddedWorkflowRuntime(store, Registry(), options))
        {
            await before.StartAsync();
            for (var i = 0; i < instances; i++)
            {
                ids.Add(await before.Client.StartWorkflowAsync("WaitThenStep"));
            }

            while (await before.Client.GetAllInstancesAsync(new WorkflowQuery([WorkflowRuntimeStatus.Pending])).AnyAsync())
            {
                await Task.Delay(50);
            }
        }

        // Raised while no runtime runs, so the events wait in the inboxes like work left by a crash.
        var offline = new EmbeddedWorkflowRuntime(store, Registry(), options);
        foreach (var id in ids)
        {
            await offline.Client.RaiseEventAsync(id, "go", 41);
        }

        var watch = Stopwatch.StartNew();
        await using var after = new EmbeddedWorkflowRuntime(store, Registry(), options);
        await after.StartAsync();
        var recovered = watch.Elapsed;
        foreach (var id in ids)
        {
            var done = await after.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            if (done.ReadOutputAs<int>() != 42)
            {
                throw new InvalidOperationException($"{id} ended {done.RuntimeStatus} with {done.SerializedOutput}.");
            }
        }

        Console.WriteLine(
            $"resume: {instances} running instances found and queued in {recovered.TotalSeconds:F2} s, " +
            $"all completed {watch.Elapsed.TotalSeconds:F2} s after the restart");
    }
}
