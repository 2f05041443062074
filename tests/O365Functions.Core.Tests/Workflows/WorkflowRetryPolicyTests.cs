using O365Functions.Core.Workflows;

namespace O365Functions.Core.Tests.Workflows;

public sealed class WorkflowRetryPolicyTests
{
    private static readonly WorkflowFailureDetails Throttled = new(typeof(TimeoutException).FullName!, "429");

    [Fact]
    public void Waits_grow_by_the_backoff_coefficient_up_to_the_longest_wait()
    {
        var policy = new WorkflowRetryPolicy(6, TimeSpan.FromSeconds(2), backoffCoefficient: 3, maxRetryInterval: TimeSpan.FromSeconds(30));

        var waits = Enumerable.Range(2, 5).Select(attempt => policy.DelayBefore(attempt, Throttled, TimeSpan.Zero)).ToList();

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)], waits);
    }

    [Fact]
    public void No_attempt_is_allowed_beyond_the_maximum()
    {
        var policy = new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(1));

        Assert.NotNull(policy.DelayBefore(3, Throttled, TimeSpan.Zero));
        Assert.Null(policy.DelayBefore(4, Throttled, TimeSpan.Zero));
    }

    [Fact]
    public void No_attempt_starts_after_the_retry_timeout()
    {
        var policy = new WorkflowRetryPolicy(10, TimeSpan.FromSeconds(10), retryTimeout: TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(10), policy.DelayBefore(2, Throttled, TimeSpan.FromSeconds(50)));
        Assert.Null(policy.DelayBefore(2, Throttled, TimeSpan.FromSeconds(51)));
    }

    [Fact]
    public void The_filter_decides_which_failures_are_retried()
    {
        var policy = new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(1)) { HandleFailure = failure => failure.IsCausedBy<TimeoutException>() };

        Assert.NotNull(policy.DelayBefore(2, Throttled, TimeSpan.Zero));
        Assert.Null(policy.DelayBefore(2, new WorkflowFailureDetails(typeof(ArgumentException).FullName!, "bad offer"), TimeSpan.Zero));
    }

    [Fact]
    public void The_longest_wait_defaults_to_durable_tasks_hour()
    {
        var policy = new WorkflowRetryPolicy(20, TimeSpan.FromMinutes(10), backoffCoefficient: 2);

        Assert.Equal(TimeSpan.FromHours(1), policy.MaxRetryInterval);
        Assert.Equal(TimeSpan.FromHours(1), policy.DelayBefore(10, Throttled, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(0, 1000, 1.0, null, null)]
    [InlineData(1, 0, 1.0, null, null)]
    [InlineData(1, 1000, 0.5, null, null)]
    [InlineData(1, 1000, 1.0, 999, null)]
    [InlineData(1, 1000, 1.0, null, 999)]
    public void Values_durable_task_refuses_are_refused(int attempts, int firstMs, double backoff, int? maxMs, int? timeoutMs)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRetryPolicy(
            attempts,
            TimeSpan.FromMilliseconds(firstMs),
            backoff,
            maxMs is null ? null : TimeSpan.FromMilliseconds(maxMs.Value),
            timeoutMs is null ? null : TimeSpan.FromMilliseconds(timeoutMs.Value)));
    }

    [Fact]
    public void A_failure_is_caused_by_its_type_and_the_types_it_derives_from()
    {
        var failure = WorkflowFailureDetails.FromException(new TaskCanceledException("timed out"));

        Assert.True(failure.IsCausedBy<TaskCanceledException>());
        Assert.True(failure.IsCausedBy<OperationCanceledException>());
        Assert.False(failure.IsCausedBy<TimeoutException>());
    }
}
