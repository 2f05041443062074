namespace O365Functions.PartnerCenter.Models;

/// <summary>A cart of new-commerce purchases, checked out into orders.</summary>
public sealed record Cart
{
    /// <summary>The cart id.</summary>
    public string? Id { get; init; }

    /// <summary>The items.</summary>
    public IReadOnlyList<CartLineItem> LineItems { get; init; } = [];

    /// <summary><c>Active</c> or <c>Ordered</c>.</summary>
    public string? Status { get; init; }

    /// <summary>When the cart expires.</summary>
    public DateTimeOffset? ExpirationTimestamp { get; init; }
}
