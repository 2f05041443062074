namespace O365Functions.PartnerCenter.Models;

/// <summary>Partner Center's <c>attributes</c> on every resource: its type and, where it has one, its ETag.</summary>
public sealed record ResourceAttributes
{
    /// <summary>The resource type, such as <c>Customer</c> or <c>Subscription</c>.</summary>
    public string? ObjectType { get; init; }

    /// <summary>The opaque version for <c>If-Match</c>; read it fresh before each update.</summary>
    public string? Etag { get; init; }
}
