namespace O365Functions.PartnerCenter.Models;

/// <summary>A Partner Center collection: <c>totalCount</c>, <c>items</c>, paging links.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record ResourceCollection<T>
{
    /// <summary>How many items the collection holds in total, when the service says.</summary>
    public int TotalCount { get; init; }

    /// <summary>This page's items.</summary>
    public IReadOnlyList<T> Items { get; init; } = [];

    /// <summary>Paging links.</summary>
    public CollectionLinks? Links { get; init; }

    /// <summary>The continuation token, when the service puts it in the body.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>The token for the next page: the body's, or the one in <c>links.next</c>; null on the last page.</summary>
    public string? NextContinuationToken =>
        ContinuationToken
        ?? Links?.Next?.Headers?.FirstOrDefault(h => string.Equals(h.Key, "MS-ContinuationToken", StringComparison.OrdinalIgnoreCase))?.Value;
}
