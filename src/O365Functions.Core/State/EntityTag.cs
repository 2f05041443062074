namespace O365Functions.Core.State;

/// <summary>
/// An entity's version as its store gave it. A write made under one succeeds only while the entity is still that
/// version, so two writers that read the same entity cannot both win; <see cref="Any"/> asks only that it exists.
/// </summary>
/// <param name="Value">The store's opaque version string.</param>
public readonly record struct EntityTag(string Value)
{
    /// <summary>Matches any existing entity: the write is conditional only on existence.</summary>
    public static EntityTag Any { get; } = new("*");

    /// <summary>Whether this is <see cref="Any"/>.</summary>
    public bool IsAny => Value == "*";

    /// <inheritdoc/>
    public override string ToString() => Value;
}
