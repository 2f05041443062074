namespace O365Functions.Api.Aps;

/// <summary>
/// Bounds and trust of the gateway's calls to an instance's controller (<c>Aps:Controller</c>). The controller's server
/// certificate must chain to the machine's trust, or be pinned here; on loopback (development) any is accepted.
/// </summary>
public sealed class ApsControllerCallOptions
{
    /// <summary>How long one call may take, answer included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest answer read; a larger one is refused as a controller error.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>How many times a read is tried while the controller is unreachable or answers 5xx, 408 or 429.</summary>
    public int ReadAttempts { get; set; } = 3;

    /// <summary>The wait before the second try of a read; it doubles for each try after.</summary>
    public TimeSpan FirstReadRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// SHA-256 thumbprints (hex) of controller server certificates trusted whatever their chain: a controller whose
    /// certificate comes from the platform's own CA. OPEN in Commerce's documentation; pinning is the choice.
    /// </summary>
    public IList<string> PinnedCertificates { get; } = [];
}
