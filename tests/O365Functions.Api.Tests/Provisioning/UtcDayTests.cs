using Microsoft.Extensions.Time.Testing;

namespace O365Functions.Api.Tests.Provisioning;

public sealed class UtcDayTests
{
    [Fact]
    public async Task A_day_with_enough_left_is_todays_at_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 23, 40, 0, TimeSpan.Zero));

        var day = await UtcDay.WithAtLeastAsync(TimeSpan.FromMinutes(10), time);

        Assert.Equal(new DateOnly(2026, 12, 7), day);
    }

    [Fact]
    public async Task A_day_with_too_little_left_is_waited_out_until_midnight_has_passed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 23, 55, 0, TimeSpan.Zero));

        var waiting = UtcDay.WithAtLeastAsync(TimeSpan.FromMinutes(10), time);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(new DateOnly(2026, 12, 8), await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
