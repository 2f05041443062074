using System.Diagnostics;
using O365Functions.Core.Telemetry;

namespace O365Functions.Api.Telemetry;

/// <summary>
/// The last spans this process recorded (the gateway's own and its outgoing HTTP calls'), kept in memory so the
/// console shows an operation's trace without a collector: the local gateway's readable view. Capacity is
/// <c>Telemetry:RecentSpans</c> (5,000 by default; 0 records none). A span's tags are kept only for the names an
/// operator searches by; nothing of a request's body or headers is recorded.
/// </summary>
public sealed class RecentSpans : IDisposable
{
    /// <summary>The setting with the capacity.</summary>
    public const string CapacitySetting = "Telemetry:RecentSpans";

    /// <summary>The capacity when the setting is absent.</summary>
    public const int DefaultCapacity = 5_000;

    private static readonly string[] Sources = [GatewayTelemetry.Name, "System.Net.Http"];

    private static readonly HashSet<string> KeptTags = new(StringComparer.Ordinal)
    {
        GatewayTelemetry.Tags.ApsInstanceId, GatewayTelemetry.Tags.ApsResourceId, GatewayTelemetry.Tags.ApsTransactionId,
        GatewayTelemetry.Tags.WorkflowInstanceId, GatewayTelemetry.Tags.WorkflowName, GatewayTelemetry.Tags.MsCorrelationId,
        GatewayTelemetry.Tags.MsRequestId, "url.path", "http.request.method", "server.address", "http.response.status_code", "error.type",
    };

    private readonly SpanView?[] _ring;
    private readonly ActivityListener? _listener;
    private readonly Lock _gate = new();
    private int _next;

    /// <summary>Starts recording (nothing when <paramref name="capacity"/> is 0).</summary>
    public RecentSpans(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _ring = new SpanView?[capacity];
        if (capacity == 0)
        {
            return;
        }

        _listener = new ActivityListener
        {
            ShouldListenTo = source => Array.IndexOf(Sources, source.Name) >= 0,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Whether spans are recorded.</summary>
    public bool Enabled => _listener is not null;

    /// <summary>The recorded spans of <paramref name="traceId"/>, oldest first.</summary>
    public IReadOnlyList<SpanView> Of(string traceId)
    {
        lock (_gate)
        {
            return _ring.Where(s => s is not null && s.TraceId == traceId).OrderBy(s => s!.Start).ToList()!;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener?.Dispose();

    private void Record(Activity activity)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in activity.EnumerateTagObjects())
        {
            if (KeptTags.Contains(key) && value is not null)
            {
                tags[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        var span = new SpanView(
            activity.TraceId.ToHexString(),
            activity.SpanId.ToHexString(),
            activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            activity.DisplayName,
            new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero),
            activity.Duration.TotalMilliseconds,
            activity.Status == ActivityStatusCode.Error ? activity.StatusDescription ?? "error" : null,
            tags);
        lock (_gate)
        {
            _ring[_next] = span;
            _next = (_next + 1) % _ring.Length;
        }
    }
}

/// <summary>One recorded span as the console shows it.</summary>
/// <param name="TraceId">The trace.</param>
/// <param name="SpanId">The span.</param>
/// <param name="ParentSpanId">Its parent, when it has one.</param>
/// <param name="Name">What it was.</param>
/// <param name="Start">When it started.</param>
/// <param name="DurationMilliseconds">How long it took.</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="Tags">The ids and HTTP facts it carried.</param>
public sealed record SpanView(
    string TraceId, string SpanId, string? ParentSpanId, string Name, DateTimeOffset Start, double DurationMilliseconds, string? Error, IReadOnlyDictionary<string, string> Tags);
