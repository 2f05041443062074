namespace O365Functions.PartnerCenter.Http;

/// <summary>The wait before a retry, used by the Partner Center transport.</summary>
internal static class RetryTiming
{
    /// <summary>Exponential back-off with equal jitter: half the step fixed, half random, so clients that failed together spread out.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan first, TimeSpan max)
    {
        var step = Math.Min(first.TotalMilliseconds * Math.Pow(2, attempt - 1), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((step / 2) + (Random.Shared.NextDouble() * step / 2));
    }

    /// <summary>The wait a 429 or 503 asks for in <c>Retry-After</c>, or the back-off when it gives none; null when it asks for more than <paramref name="max"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, int attempt, TimeSpan first, TimeSpan max, TimeProvider time)
    {
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => Backoff(attempt, first, max),
        };
        return wait <= max ? (wait > TimeSpan.Zero ? wait : TimeSpan.Zero) : null;
    }
}
