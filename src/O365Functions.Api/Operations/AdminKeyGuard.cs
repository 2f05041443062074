using System.Net;
using Microsoft.Extensions.Logging;

namespace O365Functions.Api.Operations;

/// <summary>
/// Slows down guessing of the admin key: after <see cref="FreeFailures"/> refused attempts in a row, a client address
/// is refused without a check for a time that doubles with each further failure (1 s, 2 s, 4 s, ... up to 15 minutes),
/// so guessing at hundreds a second becomes a handful an hour. Every refusal is logged with the address and never the
/// key; a right key clears the address. At most <see cref="MaxTrackedAddresses"/> addresses are remembered.
/// </summary>
public sealed partial class AdminKeyGuard(TimeProvider time, ILogger<AdminKeyGuard> logger)
{
    /// <summary>Refusals in a row an address may have before it must wait.</summary>
    public const int FreeFailures = 3;

    /// <summary>How many addresses are remembered; the one seen longest ago is forgotten first.</summary>
    public const int MaxTrackedAddresses = 10_000;

    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    private readonly Dictionary<IPAddress, (int Failures, DateTimeOffset WaitUntil, DateTimeOffset Seen)> _addresses = [];
    private readonly Lock _gate = new();

    /// <summary>How long <paramref name="address"/> must still wait before its next attempt is checked, or null.</summary>
    public TimeSpan? WaitFor(IPAddress? address)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            return _addresses.TryGetValue(Key(address), out var known) && known.WaitUntil > now ? known.WaitUntil - now : null;
        }
    }

    /// <summary>Records a refused attempt and logs it.</summary>
    public void Refused(IPAddress? address, string reason)
    {
        int failures;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var key = Key(address);
            failures = (_addresses.TryGetValue(key, out var known) ? known.Failures : 0) + 1;
            var wait = failures <= FreeFailures ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - FreeFailures - 1), LongestWait.TotalSeconds));
            if (!_addresses.ContainsKey(key) && _addresses.Count >= MaxTrackedAddresses)
            {
                _addresses.Remove(_addresses.MinBy(pair => pair.Value.Seen).Key);
            }

            _addresses[key] = (failures, now + wait, now);
        }

        LogRefused(address?.ToString() ?? "unknown", reason, failures);
    }

    /// <summary>Clears <paramref name="address"/> after a right key.</summary>
    public void Accepted(IPAddress? address)
    {
        lock (_gate)
        {
            _addresses.Remove(Key(address));
        }
    }

    private static IPAddress Key(IPAddress? address) => address is null ? IPAddress.None : address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations request from {Address} refused: {Reason} ({Failures} in a row).")]
    private partial void LogRefused(string address, string reason, int failures);
}
