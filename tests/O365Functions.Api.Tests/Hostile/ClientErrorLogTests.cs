using Microsoft.Extensions.Logging;
using O365Functions.Api.Http;

namespace O365Functions.Api.Tests.Hostile;

public sealed class ClientErrorLogTests
{
    [Fact]
    public void Client_errors_are_logged_at_a_bounded_rate_and_the_held_back_ones_are_counted()
    {
        var clock = new SteppedClock();
        var logger = new LineLogger();
        var log = new ClientErrorLog(new GatewayLimits { ClientErrorLogsPerMinute = 3 }, logger, clock);

        for (var i = 0; i < 100; i++)
        {
            log.Record(413, "PayloadTooLarge", "/catalog/plan");
        }

        clock.Now += TimeSpan.FromMinutes(1);
        log.Record(401, "InvalidSignature", "/webhooks/partner-center", "a detail");

        Assert.Equal(4, logger.Lines.Count);
        Assert.All(logger.Lines, line => Assert.Equal(LogLevel.Warning, line.Level));
        Assert.Contains("(97 earlier client errors not logged)", logger.Lines[^1].Text, StringComparison.Ordinal);
        Assert.Contains("a detail", logger.Lines[^1].Text, StringComparison.Ordinal);
        Assert.All(logger.Lines, line => Assert.Null(line.Exception));
    }

    private sealed class SteppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class LineLogger : ILogger<ClientErrorLog>
    {
        public List<(LogLevel Level, string Text, Exception? Exception)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception), exception));
    }
}
