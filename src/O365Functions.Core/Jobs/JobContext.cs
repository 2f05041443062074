using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using O365Functions.Core.Workflows;

namespace O365Functions.Core.Jobs;

/// <summary>What a job may use. The workflow client is passed, not resolved, because Durable Functions binds it per call.</summary>
/// <param name="Services">The host's services.</param>
/// <param name="Workflows">The workflow client of the host's engine.</param>
/// <param name="UtcNow">The time the job was triggered.</param>
public sealed record JobContext(IServiceProvider Services, IWorkflowClient Workflows, DateTimeOffset UtcNow)
{
    /// <summary>The logger of <paramref name="job"/>'s category, or one that writes nothing when the host has no logging.</summary>
    public ILogger Logger(Type job) =>
        Services.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers ? loggers.CreateLogger(job) : NullLogger.Instance;
}
