namespace O365Functions.Emulators.Aps;

/// <summary>How the emulated controller behaves.</summary>
public sealed class ApsControllerOptions
{
    /// <summary>The application's base URL, ending in <c>/aps/</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>How the controller authenticates.</summary>
    public ApsAuthentication Authentication { get; init; } = ApsAuthentication.Certificate;

    /// <summary>The OAuth consumer key (OAuth mode).</summary>
    public string? ConsumerKey { get; init; }

    /// <summary>The OAuth consumer secret (OAuth mode).</summary>
    public string? ConsumerSecret { get; init; }

    /// <summary>
    /// The factor applied to every <c>APS-Retry-Timeout</c> before the next poll: 1 waits as APSC does; tests use a
    /// small one so an operation that asks for 30 s is polled in milliseconds.
    /// </summary>
    public double RetryTimeScale { get; init; } = 1;

    /// <summary>How many async polls an operation gets before the emulator gives up, as a task that never ends would.</summary>
    public int MaxPolls { get; init; } = 200;

    /// <summary>Called with the method, path and <c>APS-Info</c> of every 202, as the controller's task log shows it.</summary>
    public Action<string, string, string>? OnAccepted { get; init; }

    /// <summary>The <c>APS-Controller-URI</c> sent on every request.</summary>
    public Uri ControllerUri { get; init; } = new("https://127.0.0.1:6308/");
}
