using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace O365Functions.PartnerCenter.Http;

/// <summary>
/// One request budget per partner tenant, shared by every client in the process. Partner Center throttles per
/// tenant; keeping under its budget on the client side avoids 429s instead of recovering from them.
/// </summary>
/// <remarks>
/// A sliding window of one-second segments releases a request's permit when its segment leaves the window, which can
/// be as little as the window less one segment after the permit was taken. Making the window two segments longer
/// than the budget's window means a permit is reused at least one whole segment after the budget's window has passed,
/// so no interval of the budget's length ever holds more than the budget at the service either, however it aligns its
/// window and however much longer one request takes to arrive than another.
/// </remarks>
public sealed class PartnerRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The limiter for <paramref name="partnerTenantId"/>, created with the given budget on first use.</summary>
    public RateLimiter For(string partnerTenantId, int budget, TimeSpan window) =>
        _limiters.GetOrAdd(partnerTenantId, _ =>
        {
            var segment = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(window.TotalSeconds / 60)));
            var segments = (int)Math.Ceiling(window / segment) + 2;
            return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = budget,
                Window = segment * segments,
                SegmentsPerWindow = segments,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        });

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
