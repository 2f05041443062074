using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace O365Functions.Core.Telemetry;

/// <summary>
/// The gateway's own trace source and meter, named <see cref="Name"/>: spans for each APS request, each workflow and
/// step, and each Partner Center call, tagged with the ids an operator searches by; counters of operations and
/// Partner Center calls; gauges of token age and workflow backlog. OpenTelemetry exports them when configured; with
/// no listener a span costs nothing (<see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null).
/// </summary>
public static class GatewayTelemetry
{
    /// <summary>The source's and meter's name, and the service name in telemetry.</summary>
    public const string Name = "O365Functions";

    private static readonly ConcurrentDictionary<string, DateTimeOffset> TokenUses = new(StringComparer.Ordinal);
    private static Func<long>? backlog;

    /// <summary>The gateway's spans.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>The gateway's metrics.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Workflows started, by workflow name.</summary>
    public static Counter<long> WorkflowsStarted { get; } = Meter.CreateCounter<long>("o365.workflows.started", description: "Workflows started, by workflow name.");

    /// <summary>Workflows that completed, by workflow name.</summary>
    public static Counter<long> WorkflowsCompleted { get; } = Meter.CreateCounter<long>("o365.workflows.completed", description: "Workflows that completed, by workflow name.");

    /// <summary>Workflows that failed or were stopped, by workflow name.</summary>
    public static Counter<long> WorkflowsFailed { get; } = Meter.CreateCounter<long>("o365.workflows.failed", description: "Workflows that failed or were stopped, by workflow name.");

    /// <summary>Partner Center answers, by HTTP status.</summary>
    public static Counter<long> PartnerCenterCalls { get; } = Meter.CreateCounter<long>("o365.partner_center.calls", description: "Partner Center answers, by HTTP status.");

    /// <summary>Partner Center's 429 answers.</summary>
    public static Counter<long> PartnerCenterThrottled { get; } = Meter.CreateCounter<long>("o365.partner_center.throttled", description: "Partner Center answers of 429 Too Many Requests.");

    static GatewayTelemetry()
    {
        Meter.CreateObservableGauge("o365.token.idle", ObserveTokenIdle, unit: "h", description: "Hours since each instance's refresh token was last used; Entra lets it die after 90 days idle.");
        Meter.CreateObservableGauge("o365.workflows.backlog", () => backlog?.Invoke() ?? 0, description: "Workflow steps waiting for a worker.");
    }

    /// <summary>Span attribute names.</summary>
    public static class Tags
    {
        /// <summary>The APS application instance.</summary>
        public const string ApsInstanceId = "aps.instance_id";

        /// <summary>The APS resource.</summary>
        public const string ApsResourceId = "aps.resource_id";

        /// <summary>The controller's <c>APS-Transaction-ID</c>.</summary>
        public const string ApsTransactionId = "aps.transaction_id";

        /// <summary>The workflow instance.</summary>
        public const string WorkflowInstanceId = "workflow.instance_id";

        /// <summary>The workflow or activity name.</summary>
        public const string WorkflowName = "workflow.name";

        /// <summary>Partner Center's <c>MS-CorrelationId</c>.</summary>
        public const string MsCorrelationId = "ms.correlation_id";

        /// <summary>Partner Center's <c>MS-RequestId</c>.</summary>
        public const string MsRequestId = "ms.request_id";
    }

    /// <summary>Records that <paramref name="instanceId"/>'s refresh token was used at <paramref name="at"/>, for the token gauge.</summary>
    public static void TokenUsed(string instanceId, DateTimeOffset at) => TokenUses[instanceId] = at;

    /// <summary>Lets the host's workflow engine report its backlog (the embedded runtime's step queue).</summary>
    public static void ObserveBacklog(Func<long> count) => backlog = count;

    /// <summary>The W3C trace id of the span under way, or null outside one.</summary>
    public static string? CurrentTraceId => Activity.Current is { } current && current.IdFormat == ActivityIdFormat.W3C ? current.TraceId.ToHexString() : null;

    private static IEnumerable<Measurement<double>> ObserveTokenIdle()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (instanceId, used) in TokenUses)
        {
            yield return new Measurement<double>((now - used).TotalHours, new KeyValuePair<string, object?>(Tags.ApsInstanceId, instanceId));
        }
    }
}
