using System.Diagnostics;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.CrashHost;
using O365Functions.Orchestration.History;
using O365Functions.Orchestration.Storage;
using Xunit.Abstractions;

namespace O365Functions.Orchestration.Tests;

/// <summary>
/// Kills a child process running the runtime, 50 times, while 100 orders run: each kill comes a random (seeded) moment
/// after the child recorded its first step execution, so every child makes progress however loaded the machine, every
/// other kill when the child next announces an execution, and at least a quarter of the kills must land while an
/// activity is running (its execution recorded, its effect not yet). Afterwards every order must have completed exactly once with the right
/// total, and every step's side effect must exist exactly once. Each store runs it.
/// </summary>
public abstract class CrashRecoveryContract(ITestOutputHelper output)
{
    private const int Orders = 100;
    private const int Stops = 50;

    /// <summary>The store under test, as this process opens it.</summary>
    protected abstract IEntityStore Store { get; }

    /// <summary>The crash host's arguments that open the same store in the child process.</summary>
    protected abstract IReadOnlyList<string> HostArguments { get; }

    [Fact]
    public async Task Every_order_completes_exactly_once_despite_fifty_crashes()
    {
        var store = Store;
        var registry = CrashWorkload.CreateRegistry(store);
        var random = new Random(20261121);
        await using (var scheduler = new EmbeddedWorkflowRuntime(store, registry, CrashWorkload.Options()))
        {
            for (var order = 0; order < Orders; order++)
            {
                await scheduler.Client.StartWorkflowAsync(CrashWorkload.WorkflowName, order, new WorkflowStartOptions(OrderId(order)));
            }
        }

        var interruptedWork = 0;
        var insideActivities = 0;
        var before = await ProgressAsync(store);
        for (var stop = 0; stop < Stops && before.Unfinished > 0; stop++)
        {
            // Even stops kill at a random moment (between steps, mid-commit, mid-activity); odd stops at the moment an
            // execution is announced, inside that activity.
            await RunChildProcessUntilKilledAsync(TimeSpan.FromMilliseconds(random.Next(0, 300)), atNextExecution: stop % 2 == 1);
            var after = await ProgressAsync(store);
            Assert.True(after.Executions > before.Executions, $"Stop {stop}: no step execution was recorded before the kill ({before.Executions} before and after).");
            if (after.Unfinished > 0)
            {
                interruptedWork++;
            }

            if (after.ActivitiesInFlight > 0)
            {
                insideActivities++;
            }

            before = after;
        }

        output.WriteLine($"{interruptedWork} of {Stops} kills left orders unfinished; {insideActivities} landed inside an activity.");
        Assert.True(insideActivities >= Stops / 4, $"Only {insideActivities} kills landed inside an activity; the test did not exercise at-least-once execution enough.");
        await using (var final = new EmbeddedWorkflowRuntime(store, registry, CrashWorkload.Options()))
        {
            await final.StartAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            for (var order = 0; order < Orders; order++)
            {
                var done = await final.Client.WaitForInstanceCompletionAsync(OrderId(order), getInputsAndOutputs: true, patience.Token);
                Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
                Assert.Equal(CrashWorkload.ExpectedTotal(order), done.ReadOutputAs<int>());
            }
        }

        Assert.True(interruptedWork >= Stops / 2, $"Only {interruptedWork} stops interrupted work; the test did not exercise recovery enough.");
        var instances = new InstanceStore(store, CrashWorkload.TaskHubName);
        var effects = await store.GetTableAsync(CrashWorkload.EffectsTable);
        var executions = await store.GetTableAsync(CrashWorkload.ExecutionsTable);
        var totalExecutions = 0;
        for (var order = 0; order < Orders; order++)
        {
            var snapshot = await instances.LoadAsync(OrderId(order), CancellationToken.None);
            Assert.Single(snapshot!.History, e => e.Kind == HistoryEventKind.ExecutionCompleted);
            var scheduled = snapshot.History.Where(e => e.Kind == HistoryEventKind.TaskScheduled).Select(e => e.TaskId).Order().ToList();
            var completed = snapshot.History.Where(e => e.Kind == HistoryEventKind.TaskCompleted).Select(e => e.TaskId).Order().ToList();
            Assert.Equal(CrashWorkload.StepsPerOrder, scheduled.Count);
            Assert.Equal(scheduled, completed);

            var effectRows = await effects.QueryPartitionAsync(OrderId(order));
            Assert.Equal(Enumerable.Range(0, CrashWorkload.StepsPerOrder).Select(step => $"step{step}"), effectRows.Entities.Select(e => e.RowKey).Order());
            var executionRows = await executions.QueryPartitionAsync(OrderId(order));
            totalExecutions += executionRows.Entities.Count;
        }

        output.WriteLine($"{totalExecutions} step executions for {Orders * CrashWorkload.StepsPerOrder} steps.");
        Assert.True(totalExecutions >= Orders * CrashWorkload.StepsPerOrder);
    }

    private static string OrderId(int order) => $"order-{order:D3}";

    private async Task RunChildProcessUntilKilledAsync(TimeSpan lifetime, bool atNextExecution)
    {
        var host = typeof(CrashWorkload).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(host);
        foreach (var argument in HostArguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The crash host could not be started.");
        var errors = process.StandardError.ReadToEndAsync();

        // The lifetime counts from the child's first recorded step execution, not from its process start, so a slow
        // start on a loaded machine does not turn the kill into one that lands before any work.
        using (var startup = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(startup.Token);
            }
            while (line is not null and not CrashWorkload.ExecutingLine);

            Assert.True(line is not null, $"The crash host ended before it recorded a step: {(process.HasExited ? await errors : string.Empty)}");
        }

        // Its further lines are read on, so that a full pipe never stalls it.
        var announced = 0;
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == CrashWorkload.ExecutingLine)
                {
                    Interlocked.Increment(ref announced);
                }
            }
        });
        await Task.Delay(lifetime);
        if (atNextExecution)
        {
            var seen = Volatile.Read(ref announced);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (Volatile.Read(ref announced) == seen && !patience.IsCancellationRequested && !process.HasExited)
            {
                await Task.Delay(1);
            }
        }

        if (process.HasExited)
        {
            Assert.Fail($"The crash host exited on its own with code {process.ExitCode}: {await errors}");
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await reading;
    }

    /// <summary>
    /// How far the orders are: step executions recorded, orders unfinished, and activities in flight (an execution
    /// recorded with no effect yet: the activity was running when the process died).
    /// </summary>
    private static async Task<(int Executions, int Unfinished, int ActivitiesInFlight)> ProgressAsync(IEntityStore store)
    {
        var instances = new InstanceStore(store, CrashWorkload.TaskHubName);
        var effects = await store.GetTableAsync(CrashWorkload.EffectsTable);
        var executions = await store.GetTableAsync(CrashWorkload.ExecutionsTable);
        var (executed, unfinished, inFlight) = (0, 0, 0);
        for (var order = 0; order < Orders; order++)
        {
            if (await instances.GetStateAsync(OrderId(order), CancellationToken.None) is not { IsFinished: true })
            {
                unfinished++;
            }

            var ran = (await executions.QueryPartitionAsync(OrderId(order))).Entities.Select(e => e.RowKey[..e.RowKey.IndexOf('.', StringComparison.Ordinal)]).ToList();
            var tookEffect = (await effects.QueryPartitionAsync(OrderId(order))).Entities.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
            executed += ran.Count;
            inFlight += ran.Distinct(StringComparer.Ordinal).Count(step => !tookEffect.Contains(step));
        }

        return (executed, unfinished, inFlight);
    }
}
