using System.Net;
using System.Net.Http.Headers;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>The one retry rule of the gateway's Microsoft calls, decision by decision.</summary>
public sealed class MicrosoftRetryTests
{
    private static readonly MicrosoftRetry Rule = new(maxAttempts: 3, firstDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(30));

    [Fact]
    public void A_429_waits_as_long_as_its_Retry_After_asks_and_is_the_answer_when_it_asks_for_more_than_the_longest_wait()
    {
        using var soon = Answer(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7));
        using var late = Answer(HttpStatusCode.TooManyRequests, TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromSeconds(7), Rule.DelayAfter(soon, attempt: 1));
        Assert.Null(Rule.DelayAfter(late, attempt: 1));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public void Timeouts_and_server_errors_back_off_between_half_and_all_of_the_doubling_step(HttpStatusCode status)
    {
        using var answer = Answer(status);

        var wait = Rule.DelayAfter(answer, attempt: 2)!.Value;

        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public void A_refusal_is_the_answer(HttpStatusCode status)
    {
        using var answer = Answer(status);

        Assert.Null(Rule.DelayAfter(answer, attempt: 1));
    }

    [Fact]
    public void The_last_attempt_s_answer_is_the_answer()
    {
        using var answer = Answer(HttpStatusCode.ServiceUnavailable);

        Assert.Null(Rule.DelayAfter(answer, attempt: 3));
    }

    [Fact]
    public void A_lost_connection_is_retried_only_where_repeating_is_safe_and_never_when_the_caller_gave_up()
    {
        using var gaveUp = new CancellationTokenSource();
        gaveUp.Cancel();

        Assert.NotNull(Rule.DelayAfter(new HttpRequestException("reset"), 1, repeatWhenLost: true, CancellationToken.None));
        Assert.NotNull(Rule.DelayAfter(new TaskCanceledException("attempt timed out"), 1, repeatWhenLost: true, CancellationToken.None));
        Assert.Null(Rule.DelayAfter(new HttpRequestException("reset"), 1, repeatWhenLost: false, CancellationToken.None));
        Assert.Null(Rule.DelayAfter(new TaskCanceledException(), 1, repeatWhenLost: true, gaveUp.Token));
        Assert.Null(Rule.DelayAfter(new InvalidOperationException(), 1, repeatWhenLost: true, CancellationToken.None));
    }

    [Fact]
    public async Task The_loop_sends_again_after_the_wait_and_returns_the_first_answer_worth_keeping()
    {
        var statuses = new Queue<HttpStatusCode>([HttpStatusCode.TooManyRequests, HttpStatusCode.BadGateway, HttpStatusCode.OK]);
        var rule = new MicrosoftRetry(maxAttempts: 3, firstDelay: TimeSpan.FromMilliseconds(1), maxDelay: TimeSpan.FromSeconds(1));

        using var answer = await rule.SendAsync(
            static (queue, _) => ValueTask.FromResult(Answer(queue.Dequeue(), TimeSpan.Zero)), statuses, repeatWhenLost: false, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(statuses);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        var answer = new HttpResponseMessage(status);
        if (retryAfter is { } wait)
        {
            answer.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        }

        return answer;
    }
}
