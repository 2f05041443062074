namespace O365Functions.Core.State;

/// <summary>Well-known ETag values.</summary>
public static class ETags
{
    /// <summary>Matches any existing entity: the write is conditional only on existence.</summary>
    public const string Any = "*";
}
