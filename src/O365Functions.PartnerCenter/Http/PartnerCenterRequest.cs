namespace O365Functions.PartnerCenter.Http;

/// <summary>
/// One logical Partner Center call. Its <see cref="RequestId"/> is fixed when the request is made and sent with every
/// attempt, which is what makes a retried purchase a single purchase: Partner Center answers a repeated
/// <c>MS-RequestId</c> with the original result. Pass the same id again (for example, derived from a workflow step)
/// to make a call idempotent across process restarts too.
/// </summary>
public sealed record PartnerCenterRequest(HttpMethod Method, string Path)
{
    /// <summary>The <c>MS-RequestId</c> header: one per logical call, the same on every retry.</summary>
    public Guid RequestId { get; init; } = Guid.NewGuid();

    /// <summary>The <c>MS-CorrelationId</c> header, for tracing related calls: the open <see cref="PartnerCenterCorrelation"/> scope's, or a new one.</summary>
    public Guid CorrelationId { get; init; } = PartnerCenterCorrelation.Current ?? Guid.NewGuid();

    /// <summary>The JSON body, if any.</summary>
    public object? Body { get; init; }

    /// <summary>
    /// Whether a lost connection or a timeout is retried with the same <c>MS-RequestId</c> (creates, which Partner
    /// Center de-duplicates by it), or ends with <see cref="PartnerCenterOutcomeUnknownException"/> for the caller to
    /// check the resource (PATCH, which it does not).
    /// </summary>
    public bool RetryWhenOutcomeUnknown { get; init; } = true;

    /// <summary>The <c>If-Match</c> ETag for conditional updates.</summary>
    public string? IfMatch { get; init; }

    /// <summary>The <c>MS-ContinuationToken</c> header for the next page of a seek-based collection.</summary>
    public string? ContinuationToken { get; init; }
}
