namespace O365Functions.PartnerCenter.Auth;

/// <summary>How the gateway gets Entra tokens: the partner's app registration and where its secrets are kept.</summary>
public sealed class EntraTokenOptions
{
    /// <summary>Entra's global authority host.</summary>
    public static readonly Uri GlobalAuthority = new("https://login.microsoftonline.com");

    /// <summary>Entra's authority host for 21Vianet (China).</summary>
    public static readonly Uri ChinaAuthority = new("https://login.chinacloudapi.cn");

    /// <summary>Entra's authority host for US Government clouds.</summary>
    public static readonly Uri UsGovernmentAuthority = new("https://login.microsoftonline.us");

    /// <summary>The authority host tokens come from; the emulator gives its own address.</summary>
    public Uri AuthorityHost { get; set; } = GlobalAuthority;

    /// <summary>The partner's Entra tenant id, the authority tenant unless a call names a customer tenant.</summary>
    public string PartnerTenantId { get; set; } = string.Empty;

    /// <summary>The application (client) id of the partner's web app registration.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The name, in the secret store, of the app registration's client secret.</summary>
    public string ClientSecretName { get; set; } = "partner-client-secret";

    /// <summary>The name, in the secret store, of the partner user's refresh token from the consent step.</summary>
    public string RefreshTokenName { get; set; } = "partner-refresh-token";

    /// <summary>How long before its expiry a cached token is replaced.</summary>
    public TimeSpan ExpiryBuffer { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per token request when Entra answers 429, 5xx or the connection drops.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first back-off step between attempts (it doubles, with jitter); a 429 waits as its <c>Retry-After</c> says.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts; a 429 that asks for more is the answer.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(AuthorityHost);
        ArgumentException.ThrowIfNullOrWhiteSpace(PartnerTenantId, nameof(PartnerTenantId));
        ArgumentException.ThrowIfNullOrWhiteSpace(ClientId, nameof(ClientId));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
    }
}
