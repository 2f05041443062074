using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace O365Functions.Api.Aps.Authentication;

/// <summary>
/// Bounds how many instance installs the gateway takes a minute (<see cref="ApsOptions.InstallsPerMinute"/>). A
/// controller installs an instance once; a burst of installs is someone trying certificates, and each one writes the
/// secret store, so beyond the bound an install is answered 429 before anything is read or written.
/// </summary>
public sealed class InstallThrottle(IOptions<ApsOptions> options) : IDisposable
{
    private readonly FixedWindowRateLimiter _limiter = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, options.Value.InstallsPerMinute),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    });

    /// <summary>Takes one install from the minute's budget; false when it is spent.</summary>
    public bool TryTake()
    {
        using var lease = _limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
