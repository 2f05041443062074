using System.Diagnostics;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.CrashHost;
using O365Functions.Orchestration.History;
using O365Functions.Orchestration.Storage;
using Xunit.Abstractions;

namespace O365Functions.Orchestration.Tests;

/// <summary>
/// Stops the runtime at random moments, 50 times, while 100 orders run: every other stop disposes the runtime
/// without draining, the rest kill a child process running it. Afterwards every order must have completed exactly
/// once with the right total, and every step's side effect must exist exactly once. Each store runs it.
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
        for (var stop = 0; stop < Stops; stop++)
        {
            if (stop % 2 == 0)
            {
                await RunInProcessUntilDisposedAsync(store, registry, TimeSpan.FromMilliseconds(random.Next(10, 400)));
            }
            else
            {
                await RunChildProcessUntilKilledAsync(TimeSpan.FromMilliseconds(random.Next(100, 900)));
            }

            if (await UnfinishedAsync(store) > 0)
            {
                interruptedWork++;
            }
        }

        output.WriteLine($"{interruptedWork} of {Stops} stops left orders unfinished.");
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

    private static async Task RunInProcessUntilDisposedAsync(IEntityStore store, WorkflowRegistry registry, TimeSpan lifetime)
    {
        var runtime = new EmbeddedWorkflowRuntime(store, registry, CrashWorkload.Options());
        var starting = runtime.StartAsync();
        await Task.Delay(lifetime);
        await runtime.DisposeAsync();
        try
        {
            await starting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RunChildProcessUntilKilledAsync(TimeSpan lifetime)
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
        await Task.Delay(lifetime);
        if (process.HasExited)
        {
            Assert.Fail($"The crash host exited on its own with code {process.ExitCode}: {await errors}");
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static async Task<int> UnfinishedAsync(IEntityStore store)
    {
        var instances = new InstanceStore(store, CrashWorkload.TaskHubName);
        var unfinished = 0;
        for (var order = 0; order < Orders; order++)
        {
            if (await instances.GetStateAsync(OrderId(order), CancellationToken.None) is not { IsFinished: true })
            {
                unfinished++;
            }
        }

        return unfinished;
    }
}
