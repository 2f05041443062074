using Microsoft.Extensions.Logging;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;

namespace O365Functions.Orchestration.Tests;

/// <summary>The workflow contract on the embedded runtime, over the store a subclass gives; each test gets its own task hub.</summary>
public abstract class EmbeddedWorkflowRuntimeContract : WorkflowRuntimeContract
{
    protected abstract IEntityStore Store { get; }

    private RuntimeHarness Harness => (RuntimeHarness)Engine;

    protected override IWorkflowEngine CreateEngine(Action<IWorkflowRegistrar> register, ILoggerFactory loggers)
    {
        var registry = new WorkflowRegistry();
        register(registry);
        return new RuntimeHarness(Store, registry, "Hub" + Guid.NewGuid().ToString("N")[..12], loggers);
    }

    [Fact]
    public async Task A_runtime_stamps_its_version_and_leaves_an_instance_of_a_newer_release_for_a_runtime_of_that_release()
    {
        // A 2.0 runtime starts an instance that waits; the gateway is rolled back to a 1.0 runtime.
        var newer = await Harness.Client.StartWorkflowAsync("Versioned");
        var stamped = await Harness.Client.WaitUntil(newer, i => i.ReadCustomStatusAs<string>() == "waiting");
        Harness.Options.WorkflowVersion = "1.0";
        await Harness.RestartAsync(TimeSpan.Zero);
        var older = await Harness.Client.StartWorkflowAsync("Versioned");
        await Harness.Client.RaiseEventAsync(newer, "go");
        await Harness.Client.RaiseEventAsync(older, "go");
        var olderDone = await Harness.Client.CompletionOf(older);
        var untouched = await Harness.Client.GetInstanceAsync(newer, getInputsAndOutputs: true);

        // The 2.0 runtime is back: the instance goes on where it waited.
        Harness.Options.WorkflowVersion = WorkflowVersions.Current;
        await Harness.RestartAsync(TimeSpan.Zero);
        var newerDone = await Harness.Client.CompletionOf(newer);

        Assert.Equal(WorkflowVersions.Current, stamped.Version);
        Assert.Equal(WorkflowRuntimeStatus.Completed, olderDone.RuntimeStatus);
        Assert.Equal("1.0", olderDone.Version);
        Assert.NotNull(untouched);
        Assert.True(untouched.IsRunning);
        Assert.Equal("waiting", untouched.ReadCustomStatusAs<string>());
        Assert.Equal(WorkflowRuntimeStatus.Completed, newerDone.RuntimeStatus);
        Assert.Equal(WorkflowVersions.Current, newerDone.Version);
    }

    [Fact]
    public async Task Instances_left_pending_or_holding_only_a_message_at_a_restart_complete_within_seconds_with_no_new_request()
    {
        // A process that wrote instances and stopped before stepping them leaves them as the store holds them: one never
        // run, one never run with an event in its inbox. The next runtime must find them itself.
        await Harness.StopAsync();
        string pending, messaged;
        await using (var stopped = Harness.Unstarted())
        {
            pending = await stopped.Client.StartWorkflowAsync("Sequence", "Lima");
            messaged = await stopped.Client.StartWorkflowAsync("Approval");
            await stopped.Client.RaiseEventAsync(messaged, "APPROVED", new Approval("carol"));
        }

        Gate(messaged).SetResult();
        await Harness.StartAsync();
        using var seconds = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var first = await Harness.Client.WaitForInstanceCompletionAsync(pending, getInputsAndOutputs: true, seconds.Token);
        var second = await Harness.Client.WaitForInstanceCompletionAsync(messaged, getInputsAndOutputs: true, seconds.Token);

        Assert.Equal(WorkflowRuntimeStatus.Completed, first.RuntimeStatus);
        Assert.Equal("approved by carol", second.ReadOutputAs<string>());
    }
}
