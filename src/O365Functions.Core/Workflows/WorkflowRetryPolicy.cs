namespace O365Functions.Core.Workflows;

/// <summary>
/// How often and how patiently a failed activity or sub-workflow is tried again. The constructor and its validation
/// are Durable Task's <c>RetryPolicy</c>, so the Azure adapter passes the values straight through.
/// </summary>
public sealed class WorkflowRetryPolicy
{
    /// <summary>The longest single wait when none is given: Durable Task's default.</summary>
    public static readonly TimeSpan DefaultMaxRetryInterval = TimeSpan.FromHours(1);

    /// <summary>Creates a policy; throws when a value is outside what Durable Task accepts.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in total, the first included; at least 1.</param>
    /// <param name="firstRetryInterval">The wait before the second attempt; more than zero.</param>
    /// <param name="backoffCoefficient">The factor each later wait grows by; at least 1.</param>
    /// <param name="maxRetryInterval">The longest single wait; one hour when null, as in Durable Task.</param>
    /// <param name="retryTimeout">How long after the first attempt no further attempt starts; unlimited when null.</param>
    public WorkflowRetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        if (maxRetryInterval is { } max && max != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, firstRetryInterval, nameof(maxRetryInterval));
        }

        if (retryTimeout is { } timeout && timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, firstRetryInterval, nameof(retryTimeout));
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? DefaultMaxRetryInterval;
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Attempts in total, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>The factor each later wait grows by.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest single wait, or <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>How long after the first attempt no further attempt starts, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>
    /// Decides which failures are worth another attempt; every failure is when unset. Partner Center's permanent
    /// errors (a country not allowed, an invalid offer) should not be retried, its throttling should.
    /// </summary>
    public Func<WorkflowFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>
    /// The wait before attempt <paramref name="nextAttempt"/> (2 for the first retry), or null when the policy allows no
    /// such attempt for this failure, <paramref name="elapsed"/> time after the first attempt started.
    /// </summary>
    public TimeSpan? DelayBefore(int nextAttempt, WorkflowFailureDetails failure, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (nextAttempt > MaxNumberOfAttempts || (HandleFailure is { } handles && !handles(failure)))
        {
            return null;
        }

        var delay = TimeSpan.FromTicks((long)Math.Min(
            FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, nextAttempt - 2),
            TimeSpan.MaxValue.Ticks / 2));
        if (MaxRetryInterval != Timeout.InfiniteTimeSpan && delay > MaxRetryInterval)
        {
            delay = MaxRetryInterval;
        }

        if (RetryTimeout != Timeout.InfiniteTimeSpan && elapsed + delay > RetryTimeout)
        {
            return null;
        }

        return delay;
    }
}
