namespace O365Functions.PartnerCenter.Models;

/// <summary>The orders a checkout made, and the order groups it could not order.</summary>
public sealed record CartCheckoutResult
{
    /// <summary>The orders made.</summary>
    public IReadOnlyList<Order> Orders { get; init; } = [];

    /// <summary>The order groups that failed.</summary>
    public IReadOnlyList<CartCheckoutError> OrderErrors { get; init; } = [];
}
