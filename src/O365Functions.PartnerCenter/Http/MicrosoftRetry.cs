using System.Net;
using Polly;
using Polly.Retry;

namespace O365Functions.PartnerCenter.Http;

/// <summary>
/// The one retry rule of the calls the gateway makes to Microsoft with its own HTTP code (Partner Center, Entra
/// tokens; Graph's SDK middleware applies the same to Graph): 429 after the wait its <c>Retry-After</c> asks for
/// (never past <see cref="MaxDelay"/>: a longer wait is the answer), 408 and 5xx after an exponential back-off with
/// jitter, and a lost connection only where the caller says repeating it is safe, since a write whose outcome is
/// unknown must be looked for before it is made again. Built on Polly's retry strategy.
/// </summary>
public sealed class MicrosoftRetry
{
    private static readonly ResiliencePropertyKey<bool> RepeatWhenLost = new("o365.repeat-when-lost");
    private static readonly ResiliencePropertyKey<Action<RetryNotice>?> Notify = new("o365.notify");
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;

    /// <summary>A rule of at most <paramref name="maxAttempts"/> attempts, back-off from <paramref name="firstDelay"/> up to <paramref name="maxDelay"/>.</summary>
    public MicrosoftRetry(int maxAttempts, TimeSpan firstDelay, TimeSpan maxDelay, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        FirstDelay = firstDelay;
        MaxDelay = maxDelay;
        _time = time ?? TimeProvider.System;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (maxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(Delay(args.Outcome, args.Context, args.AttemptNumber + 1) is not null),
                DelayGenerator = args => ValueTask.FromResult(Delay(args.Outcome, args.Context, args.AttemptNumber + 1)),
                OnRetry = args =>
                {
                    args.Context.Properties.GetValue(Notify, null)?.Invoke(
                        new RetryNotice(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Result?.StatusCode, args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>The first back-off step.</summary>
    public TimeSpan FirstDelay { get; }

    /// <summary>The longest wait before a retry.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>
    /// Sends through <paramref name="attempt"/> until an answer is not worth retrying or the attempts are spent, and
    /// returns the last answer (the caller reads and disposes it). A lost connection is retried only with
    /// <paramref name="repeatWhenLost"/>; otherwise, and after the last attempt, it is thrown as it came.
    /// <paramref name="onRetry"/> hears of each retry before its wait.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<CancellationToken, ValueTask<HttpResponseMessage>> attempt, bool repeatWhenLost, Action<RetryNotice>? onRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RepeatWhenLost, repeatWhenLost);
            context.Properties.Set(Notify, onRetry);
            return await _pipeline.ExecuteAsync(static (context, attempt) => attempt(context.CancellationToken), context, attempt).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
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

    /// <summary>The wait before retrying after <paramref name="attempt"/> ended with <paramref name="outcome"/>; null when it is the answer.</summary>
    private TimeSpan? Delay(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attempt)
    {
        if (outcome.Exception is { } exception)
        {
            return context.Properties.GetValue(RepeatWhenLost, false) && IsLostConnection(exception, context.CancellationToken) ? Backoff(attempt) : null;
        }

        var response = outcome.Result!;
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
}
