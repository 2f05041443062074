namespace O365Functions.Api.Http;

/// <summary>
/// The limits every route applies to what a client sends and to what the gateway echoes back. Both hosts register
/// one instance (the defaults unless a host or test registers its own first), so every route, present and future,
/// inherits them through <see cref="RequestReader"/> and <see cref="Aps.ApsResults"/>.
/// </summary>
public sealed record GatewayLimits
{
    /// <summary>The largest JSON request body, in bytes; larger bodies are refused with 413 while being read.</summary>
    public int JsonBodyBytes { get; init; } = 64 * 1024;

    /// <summary>The largest webhook callback body, in bytes.</summary>
    public int WebhookBodyBytes { get; init; } = 256 * 1024;

    /// <summary>The largest body any route reads; the server refuses larger ones before a handler runs.</summary>
    public int MaxBodyBytes => Math.Max(JsonBodyBytes, WebhookBodyBytes);

    /// <summary>How long a client may take to send the whole body; a slower one is answered 408.</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a whole request may take before the gateway gives up on it (the local host enforces it).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How deeply a JSON body may nest objects and arrays.</summary>
    public int MaxJsonDepth { get; init; } = 16;

    /// <summary>How many property names a JSON body may hold in all.</summary>
    public int MaxJsonKeys { get; init; } = 500;

    /// <summary>How long one property name may be, in characters.</summary>
    public int MaxJsonKeyLength { get; init; } = 128;

    /// <summary>How many per-problem details an error body lists; the rest are counted, not listed.</summary>
    public int MaxErrorDetails { get; init; } = 20;

    /// <summary>How many characters of a client's own value an error message repeats.</summary>
    public int MaxEchoedLength { get; init; } = 64;

    /// <summary>How many client-caused failures are logged a minute; the rest are counted in the next line.</summary>
    public int ClientErrorLogsPerMinute { get; init; } = 20;
}
