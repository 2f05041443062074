using O365Functions.Core.Workflows;

namespace O365Functions.Orchestration.Tests;

/// <summary>
/// One engine under the workflow contract: the embedded runtime over a store, or Durable Task on its in-process test
/// host through the Functions app's adapters.
/// </summary>
public interface IWorkflowEngine : IAsyncDisposable
{
    IWorkflowClient Client { get; }

    Task StartAsync();

    /// <summary>
    /// Stops the engine and starts a new one over the same state, after <paramref name="downtime"/>, as a process restart
    /// would. An engine whose state lives only in memory cannot do that and keeps running (docs/architecture.md says which).
    /// </summary>
    Task RestartAsync(TimeSpan downtime);
}

/// <summary>Waiting for instances, the same way on every engine.</summary>
public static class WorkflowWaits
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<WorkflowInstance> CompletionOf(this IWorkflowClient client, string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the instance, or fails the test after <see cref="Patience"/>.</summary>
    public static async Task<WorkflowInstance> WaitUntil(this IWorkflowClient client, string instanceId, Func<WorkflowInstance, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) is { } instance && condition(instance))
            {
                return instance;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Instance {instanceId} did not reach the expected state within {Patience}.");
            await Task.Delay(10);
        }
    }
}
