using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.Tests;

namespace O365Functions.Tests.Workflows;

public sealed class DurableWorkflowContractTests : WorkflowRuntimeContract
{
    protected override IWorkflowEngine CreateEngine(Action<IWorkflowRegistrar> register, ILoggerFactory loggers) =>
        new DurableTestHostEngine(register, loggers);
}
