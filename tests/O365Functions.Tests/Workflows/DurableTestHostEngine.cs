using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows;
using O365Functions.FunctionApp.Workflows;
using O365Functions.Orchestration.Tests;

namespace O365Functions.Tests.Workflows;

/// <summary>
/// The real Durable Task SDK on its in-process test host (an in-memory backend behind a loopback gRPC sidecar), driven
/// through the Functions app's adapters. Its state lives in memory, so a restart cannot be simulated: the engine keeps
/// running through <see cref="RestartAsync"/>. The test project raises the processor count the host's work-item cap
/// follows (see durable.runsettings), because at 2 it polls in 500 ms sleeps.
/// </summary>
public sealed class DurableTestHostEngine(Action<IWorkflowRegistrar> register, ILoggerFactory loggers, string? workerVersion = null) : IWorkflowEngine
{
    private DurableTaskTestHost? _host;
    private IWorkflowClient? _client;

    public IWorkflowClient Client => _client ?? throw new InvalidOperationException("Start the engine first.");

    public async Task StartAsync()
    {
        DurableWorkflowRegistrar? registrar = null;

        // The host picks a random port between 30000 and 40000 without reserving it, inside the range the system hands
        // out to other tests' listeners and connections; a port taken in between is tried again with another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _host = await DurableTaskTestHost.StartAsync(
                    registry =>
                    {
                        registrar = new DurableWorkflowRegistrar(registry);
                        register(registrar);
                    },
                    new DurableTaskTestHostOptions
                    {
                        LoggerFactory = loggers,

                        // As host.json does on Azure: run instances of this version or older, leave newer ones alone.
                        ConfigureServices = workerVersion is null ? null : services => services.ConfigureAll<Microsoft.DurableTask.Worker.DurableTaskWorkerOptions>(worker =>
                            worker.Versioning = new Microsoft.DurableTask.Worker.DurableTaskWorkerOptions.VersioningOptions
                            {
                                Version = workerVersion,
                                DefaultVersion = workerVersion,
                                MatchStrategy = Microsoft.DurableTask.Worker.DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder,
                                FailureStrategy = Microsoft.DurableTask.Worker.DurableTaskWorkerOptions.VersionFailureStrategy.Reject,
                            }),
                    });
                break;
            }
            catch (IOException exception) when (attempt < 5 && exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }

        _client = new DurableWorkflowClient(_host.Client, registrar!.WorkflowNames);
    }

    public Task RestartAsync(TimeSpan downtime) => Task.Delay(downtime);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
