namespace O365Functions.Api.Tests.Provisioning;

/// <summary>
/// For tests of per-day budgets on a gateway that keeps the real clock (its OAuth and certificate checks meet the
/// controller's real timestamps, so its clock cannot be moved): the work is started only when the UTC day has long
/// enough left, waiting for midnight to pass when it has not, so the whole test counts in one day.
/// </summary>
internal static class UtcDay
{
    /// <summary>Returns the day that has at least <paramref name="needed"/> left in it, after midnight when the current one has not.</summary>
    public static async Task<DateOnly> WithAtLeastAsync(TimeSpan needed, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var now = time.GetUtcNow();
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        if (midnight - now < needed)
        {
            await Task.Delay(midnight - now + TimeSpan.FromSeconds(1), time);
            now = time.GetUtcNow();
        }

        return DateOnly.FromDateTime(now.UtcDateTime);
    }
}
