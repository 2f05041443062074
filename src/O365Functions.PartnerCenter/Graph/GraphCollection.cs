namespace O365Functions.PartnerCenter.Graph;

/// <summary>A Graph collection page.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record GraphCollection<T>
{
    /// <summary>The items.</summary>
    public IReadOnlyList<T> Value { get; init; } = [];
}
