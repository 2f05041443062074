using System.Net;

namespace O365Functions.PartnerCenter.Http;

/// <summary>
/// The one retry rule of the calls the gateway makes to Microsoft with its own HTTP code (Partner Center, Entra
/// tokens; Graph's SDK middleware applies the same to Graph): 429 after the wait its <c>Retry-After</c> asks for
/// (never past <see cref="MaxDelay"/>: a longer wait is the answer), 408 and 5xx after an exponential back-off with
/// jitter, and a lost connection only where the caller says repeating it is safe, since a write whose outcome is
/// unknown must be looked for before it is made again.
/// </summary>
/// <remarks>
/// The rule is two decisions (<see cref="DelayAfter(HttpResponseMessage, int)"/>, <see cref="DelayAfter(Exception, int, bool, CancellationToken)"/>)
/// and a loop over them (<see cref="SendAsync"/>). The Partner Center transport, on every call's path, runs the
/// decisions in its own loop, which also refreshes a revoked token once. Not a Polly pipeline: Polly's retry strategy
/// was measured on the Partner Center client's overhead benchmark at about 1.1 KB more allocated per call (4.8 to 5.9 KB).
/// </remarks>
public sealed class MicrosoftRetry
{
    private readonly int _maxAttempts;
    private readonly TimeProvider _time;

    /// <summary>A rule of at most <paramref name="maxAttempts"/> attempts, back-off from <paramref name="firstDelay"/> up to <paramref name="maxDelay"/>.</summary>
    public MicrosoftRetry(int maxAttempts, TimeSpan firstDelay, TimeSpan maxDelay, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _maxAttempts = maxAttempts;
        FirstDelay = firstDelay;
        MaxDelay = maxDelay;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The first back-off step.</summary>
    public TimeSpan FirstDelay { get; }

    /// <summary>The longest wait before a retry.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>
    /// Sends through <paramref name="attempt"/> (given <paramref name="state"/>) until an answer is not worth retrying
    /// or the attempts are spent, and returns the last answer (the caller reads and disposes it). A lost connection is
    /// retried only with <paramref name="repeatWhenLost"/>; otherwise, and after the last attempt, it is thrown as it
    /// came.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync<TState>(
        Func<TState, CancellationToken, ValueTask<HttpResponseMessage>> attempt,
        TState state,
        bool repeatWhenLost,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var number = 1; ; number++)
        {
            HttpResponseMessage response;
            try
            {
                response = await attempt(state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception lost) when (DelayAfter(lost, number, repeatWhenLost, cancellationToken) is { } backoff)
            {
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (DelayAfter(response, number) is not { } wait)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait before retrying after attempt <paramref name="attempt"/> lost its connection; null when the failure is the answer.</summary>
    public TimeSpan? DelayAfter(Exception exception, int attempt, bool repeatWhenLost, CancellationToken cancellationToken) =>
        repeatWhenLost && attempt < _maxAttempts && IsLostConnection(exception, cancellationToken) ? Backoff(attempt) : null;

    /// <summary>The wait before retrying after <paramref name="response"/> to attempt <paramref name="attempt"/>; null when it is the answer.</summary>
    public TimeSpan? DelayAfter(HttpResponseMessage response, int attempt)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (attempt >= _maxAttempts)
        {
            return null;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - _time.GetUtcNow(),
                _ => Backoff(attempt),
            };
            return wait <= MaxDelay ? (wait > TimeSpan.Zero ? wait : TimeSpan.Zero) : null;
        }

        return response.StatusCode is HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500 ? Backoff(attempt) : null;
    }

    /// <summary>Exponential back-off with equal jitter: half the step fixed, half random, so clients that failed together spread out.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var step = Math.Min(FirstDelay.TotalMilliseconds * Math.Pow(2, attempt - 1), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((step / 2) + (Random.Shared.NextDouble() * step / 2));
    }

    /// <summary>Whether <paramref name="exception"/> is a lost connection or a timed-out attempt, not the caller giving up.</summary>
    public static bool IsLostConnection(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
