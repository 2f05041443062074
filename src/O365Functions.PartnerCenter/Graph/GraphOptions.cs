namespace O365Functions.PartnerCenter.Graph;

/// <summary>Which Microsoft Graph cloud the gateway calls, and how patiently the SDK's retry handler retries it.</summary>
public sealed class GraphOptions
{
    /// <summary>Graph's v1.0 root: <c>https://graph.microsoft.com/v1.0/</c> globally,
    /// <c>https://microsoftgraph.chinacloudapi.cn/v1.0/</c> in China, <c>https://graph.microsoft.us/v1.0/</c> for US Government;
    /// the emulator gives its own.</summary>
    public Uri BaseUri { get; set; } = new("https://graph.microsoft.com/v1.0/");

    /// <summary>The token audience for <see cref="BaseUri"/>'s cloud, the same root without the version.</summary>
    public string TokenAudience { get; set; } = Auth.TokenAudiences.Graph;

    /// <summary>Retries of a call Graph answered 429, 503 or 504, from 0 to 10 (the SDK's limit).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The wait before a retry when Graph gives no <c>Retry-After</c>, rounded up to whole seconds, at most 180; it doubles per retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(3);
}
