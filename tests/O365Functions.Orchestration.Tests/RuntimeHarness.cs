using Microsoft.Extensions.Logging;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;

namespace O365Functions.Orchestration.Tests;

/// <summary>
/// Starts embedded runtimes over one store and stops them, so a test can restart the runtime the way a process
/// restart would: same store, new runtime, nothing carried over in memory.
/// </summary>
public sealed class RuntimeHarness(IEntityStore store, WorkflowRegistry registry, string taskHubName, ILoggerFactory? loggers = null) : IWorkflowEngine
{
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

    /// <summary>A runtime over the same store and hub that is never started: its client writes instances nothing runs.</summary>
    public EmbeddedWorkflowRuntime Unstarted() => new(store, registry, Options, loggers);

    public async Task StartAsync()
    {
        await StopAsync();
        _current = new EmbeddedWorkflowRuntime(store, registry, Options, loggers);
        await _current.StartAsync();
    }

    public async Task RestartAsync(TimeSpan downtime)
    {
        await StopAsync();
        await Task.Delay(downtime);
        await StartAsync();
    }

    public async Task StopAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
            _current = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
