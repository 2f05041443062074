using Microsoft.Extensions.Logging;

namespace O365Functions.Api.Http;

/// <summary>
/// Logs failures the client caused (400, 401, 408, 413, 415) in one line each, without stack traces, and at most
/// <see cref="GatewayLimits.ClientErrorLogsPerMinute"/> a minute: any client can cause them at will, and the log must
/// stay readable and cheap. Lines held back are counted and reported with the next line written.
/// </summary>
public sealed partial class ClientErrorLog(GatewayLimits limits, ILogger<ClientErrorLog> logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _written;
    private int _suppressed;

    /// <summary>
    /// Records that a request to <paramref name="route"/> was answered <paramref name="status"/> <paramref name="error"/>;
    /// <paramref name="detail"/> says why, for the operator (it may name what the client sent, never a secret).
    /// </summary>
    public void Record(int status, string error, string route, string? detail = null)
    {
        int suppressed;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _windowStart >= TimeSpan.FromMinutes(1))
            {
                _windowStart = now;
                _written = 0;
            }

            if (_written >= limits.ClientErrorLogsPerMinute)
            {
                _suppressed++;
                return;
            }

            _written++;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        if (status is 401 or 408 or 413)
        {
            LogWarning(status, error, route, detail ?? string.Empty, suppressed);
        }
        else
        {
            LogInformation(status, error, route, detail ?? string.Empty, suppressed);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Status} {Error} to a request for {Route}. {Detail} ({Suppressed} earlier client errors not logged)")]
    private partial void LogWarning(int status, string error, string route, string detail, int suppressed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {Status} {Error} to a request for {Route}. {Detail} ({Suppressed} earlier client errors not logged)")]
    private partial void LogInformation(int status, string error, string route, string detail, int suppressed);
}
