namespace O365Functions.Core.Catalog;

/// <summary>
/// The seat (or unit) quantities an offer may be bought in. Partner Center rejects an order outside these bounds
/// (error 2002), so the gateway checks them before it starts anything.
/// </summary>
/// <param name="Minimum">The smallest quantity accepted, at least 1.</param>
/// <param name="Maximum">The largest quantity accepted, at least <paramref name="Minimum"/>.</param>
public sealed record QuantityBounds(int Minimum, int Maximum)
{
    /// <summary>The bounds used when a provider does not state any: one seat up to Partner Center's common legacy cap.</summary>
    public static QuantityBounds Default { get; } = new(1, 10_000);

    /// <summary>Whether <paramref name="quantity"/> lies within the bounds, both ends included.</summary>
    public bool Contains(int quantity) => quantity >= Minimum && quantity <= Maximum;

    /// <inheritdoc />
    public override string ToString() => $"{Minimum}..{Maximum}";
}
