namespace O365Functions.PartnerCenter.Models;

/// <summary>A link in a resource's <c>links</c>: where, how, and with which headers (a continuation token, for paging).</summary>
public sealed record ResourceLink
{
    /// <summary>The relative or absolute URI.</summary>
    public string? Uri { get; init; }

    /// <summary>The HTTP method.</summary>
    public string? Method { get; init; }

    /// <summary>Headers to send, as key/value pairs.</summary>
    public IReadOnlyList<LinkHeader>? Headers { get; init; }
}
