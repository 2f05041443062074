using O365Functions.Orchestration;

namespace O365Functions.Local.Workflows;

/// <summary>Starts the embedded runtime with the gateway (resuming unfinished workflows) and stops it on shutdown.</summary>
internal sealed class EmbeddedRuntimeHostedService(EmbeddedWorkflowRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await runtime.DisposeAsync();
}
