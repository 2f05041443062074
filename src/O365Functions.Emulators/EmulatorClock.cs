namespace O365Functions.Emulators;

/// <summary>
/// The emulator's notion of now: the real clock plus an offset tests can advance, so that 90 days of refresh-token
/// idleness or a 7-day cancellation window pass in an instant.
/// </summary>
public sealed class EmulatorClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far the clock has been moved ahead of real time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>Moves the clock ahead by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, delta.Ticks);
    }
}
