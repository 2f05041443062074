namespace O365Functions.Api.Aps;

/// <summary>
/// How the APS endpoint behaves, from the <c>Aps</c> configuration section on both hosts: how long the controller
/// waits between polls and which authentication modes an instance may use.
/// </summary>
public sealed class ApsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Aps";

    /// <summary>The <c>APS-Retry-Timeout</c> of a 202, before jitter.</summary>
    public TimeSpan RetryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The share of <see cref="RetryTimeout"/> by which each answer varies either way (0.25: 22 to 38 s for 30 s), so
    /// that the polls of many operations do not bunch up in the controller's task manager.
    /// </summary>
    public double RetryJitter { get; set; } = 0.25;

    /// <summary>Certificate authentication (the APS default).</summary>
    public ApsCertificateOptions Certificate { get; set; } = new();

    /// <summary>OAuth 1.0a authentication.</summary>
    public ApsOAuthOptions OAuth { get; set; } = new();

    /// <summary>
    /// Accept requests without checking who sent them. For the local gateway only (the Functions app refuses to start
    /// with it); off by default, and a warning is logged at start and on every request while it is on.
    /// </summary>
    public bool InsecureDevelopment { get; set; }

    /// <summary>How many instance installs are taken a minute; more are answered 429 (see <see cref="Authentication.InstallThrottle"/>).</summary>
    public int InstallsPerMinute { get; set; } = 20;

    /// <summary>How the gateway calls the controller back.</summary>
    public ApsControllerCallOptions Controller { get; set; } = new();

    /// <summary>
    /// Where Entra sends the partner admin back after consent (<c>/consent/callback</c> of the gateway's public
    /// address). Unset, it is built from the address the controller called; set it when the controller reaches the
    /// gateway on a private address the admin's browser cannot.
    /// </summary>
    public Uri? ConsentRedirectUri { get; set; }

    /// <summary>How long a consent link stays usable.</summary>
    public TimeSpan ConsentLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Whether a consent whose tokens cannot be read for multi-factor authentication is refused. Off: it is accepted
    /// and the instance says MFA is unknown. A consent whose tokens show no MFA is always refused.
    /// </summary>
    public bool RefuseUnknownMultiFactor { get; set; }

    /// <summary>How long an instance's settings and controller certificate are kept in memory between reads.</summary>
    public TimeSpan InstanceCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
