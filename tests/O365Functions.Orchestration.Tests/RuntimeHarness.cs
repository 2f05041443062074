using Microsoft.Extensions.Logging;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;

namespace O365Functions.Orchestration.Tests;

/// <summary>
/// Starts embedded runtimes over one store and stops them, so a test can restart the runtime the way a process
/// restart would: same store, new runtime, nothing carried over in memory.
/// </summary>
public sealed class RuntimeHarness(IEntityStore store, WorkflowRegistry registry, string taskHubName, ILoggerFactory? loggers = null) : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private EmbeddedWorkflowRuntime? _current;

    public EmbeddedWorkflowRuntime Runtime => _current ?? throw new InvalidOperationException("Start the runtime first.");

    public IWorkflowClient Client => Runtime.Client;

    /// <summary>
    /// The runtime's options. Background purging is off (no retention at start), so a test that purges does it
    /// itself and is not raced by the purge worker's first round.
    /// </summary>
    public EmbeddedRuntimeOptions Options { get; } = new()
    {
        TaskHubName = taskHubName,
        StoreRetryDelay = TimeSpan.FromMilliseconds(50),
        CompletedHistoryRetention = null,
    };

    public async Task<EmbeddedWorkflowRuntime> StartAsync()
    {
        await StopAsync();
        _current = new EmbeddedWorkflowRuntime(store, registry, Options, loggers);
        await _current.StartAsync();
        return _current;
    }

    public async Task StopAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
            _current = null;
        }
    }

    public async Task<WorkflowInstance> CompletionOf(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the instance, or fails the test after <see cref="Patience"/>.</summary>
    public async Task<WorkflowInstance> WaitUntil(string instanceId, Func<WorkflowInstance, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) is { } instance && condition(instance))
            {
                return instance;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Instance {instanceId} did not reach the expected state within {Patience}.");
            await Task.Delay(10);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
