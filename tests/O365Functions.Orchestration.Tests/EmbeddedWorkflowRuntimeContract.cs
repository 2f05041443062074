using Microsoft.Extensions.Logging;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;

namespace O365Functions.Orchestration.Tests;

/// <summary>The workflow contract on the embedded runtime, over the store a subclass gives; each test gets its own task hub.</summary>
public abstract class EmbeddedWorkflowRuntimeContract : WorkflowRuntimeContract
{
    protected abstract IEntityStore Store { get; }

    protected override IWorkflowEngine CreateEngine(Action<IWorkflowRegistrar> register, ILoggerFactory loggers)
    {
        var registry = new WorkflowRegistry();
        register(registry);
        return new RuntimeHarness(Store, registry, "Hub" + Guid.NewGuid().ToString("N")[..12], loggers);
    }
}
