namespace O365Functions.PartnerCenter.Graph;

/// <summary>Where Microsoft Graph is and how patiently the client retries it.</summary>
public sealed class GraphOptions
{
    /// <summary>Graph's v1.0 root; the emulator gives its own.</summary>
    public Uri BaseUri { get; set; } = new("https://graph.microsoft.com/v1.0/");

    /// <summary>Attempts per call for 429, 5xx and dropped connections.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first back-off wait.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait, including one asked for by <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);
}
