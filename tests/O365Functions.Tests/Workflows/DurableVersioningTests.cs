using Microsoft.Extensions.Logging.Abstractions;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.Tests;

namespace O365Functions.Tests.Workflows;

/// <summary>Durable Task's versioning through the Functions app's adapters, with the worker settings host.json gives on Azure.</summary>
public sealed class DurableVersioningTests
{
    [Fact]
    public async Task A_worker_of_an_older_release_leaves_an_instance_of_a_newer_one_and_runs_its_own()
    {
        await using var engine = new DurableTestHostEngine(Register, NullLoggerFactory.Instance, workerVersion: "1.0");
        await engine.StartAsync();

        var newer = await engine.Client.StartWorkflowAsync("Stamp", options: new WorkflowStartOptions(Version: "2.0"));
        var own = await engine.Client.StartWorkflowAsync("Stamp", options: new WorkflowStartOptions(Version: "1.0"));
        var ownDone = await engine.Client.CompletionOf(own);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var left = await engine.Client.GetInstanceAsync(newer, getInputsAndOutputs: true);

        Assert.Equal(WorkflowRuntimeStatus.Completed, ownDone.RuntimeStatus);
        Assert.Equal("1.0", ownDone.ReadOutputAs<string>());
        Assert.Equal("1.0", ownDone.Version);
        Assert.NotNull(left);
        Assert.False(left.IsCompleted, $"The 1.0 worker ran a 2.0 instance: {left.RuntimeStatus} {left.FailureDetails?.ErrorMessage}");
        Assert.Equal("2.0", left.Version);
    }

    private static void Register(IWorkflowRegistrar registrar) =>
        registrar.AddWorkflow("Stamp", context => Task.FromResult<string?>(context.Version));
}
