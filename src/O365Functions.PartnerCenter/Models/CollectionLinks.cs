namespace O365Functions.PartnerCenter.Models;

/// <summary>The links of a collection: itself, and the next page when there is one.</summary>
public sealed record CollectionLinks
{
    /// <summary>This page.</summary>
    public ResourceLink? Self { get; init; }

    /// <summary>The next page; its headers carry the <c>MS-ContinuationToken</c>.</summary>
    public ResourceLink? Next { get; init; }
}
