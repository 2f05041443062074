using System.Collections.Concurrent;

namespace O365Functions.Emulators.Faults;

/// <summary>Counts calls per endpoint, and the faults and throttles handed out, for the inspection endpoint and tests.</summary>
public sealed class CallLedger
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _correlated = new(StringComparer.OrdinalIgnoreCase);
    private int _throttled;
    private int _faults;
    private int _replays;
    private int _slowOrders;

    /// <summary>Calls per endpoint (<c>METHOD route-pattern</c>).</summary>
    public IReadOnlyDictionary<string, int> Calls => _calls;

    /// <summary>429s answered because the throttling budget was spent.</summary>
    public int Throttled => _throttled;

    /// <summary>Faults injected on purpose.</summary>
    public int Faults => _faults;

    /// <summary>Requests answered from the <c>MS-RequestId</c> replay cache.</summary>
    public int Replays => _replays;

    /// <summary>Orders made slow to fulfil on purpose (<see cref="MicrosoftEmulatorOptions.SlowProvisioningRate"/>).</summary>
    public int SlowOrders => _slowOrders;

    /// <summary>
    /// Partner Center calls per <c>MS-CorrelationId</c>, attempts included: a gateway operation sends one id on all
    /// its calls, so this is what one operation cost.
    /// </summary>
    public IReadOnlyDictionary<string, int> CallsByCorrelationId => _correlated;

    internal void CountCorrelated(string correlationId)
    {
        if (correlationId.Length > 0)
        {
            _correlated.AddOrUpdate(correlationId, 1, (_, n) => n + 1);
        }
    }

    internal void Count(string endpoint) => _calls.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    internal void CountThrottled() => Interlocked.Increment(ref _throttled);

    internal void CountFault() => Interlocked.Increment(ref _faults);

    internal void CountReplay() => Interlocked.Increment(ref _replays);

    internal void CountSlowOrder() => Interlocked.Increment(ref _slowOrders);
}
