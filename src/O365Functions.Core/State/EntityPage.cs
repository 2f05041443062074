namespace O365Functions.Core.State;

/// <summary>One page of a partition query.</summary>
/// <param name="Entities">The entities, in row-key order.</param>
/// <param name="ContinuationToken">Pass it to the next query to read on; <see langword="null"/> when the partition is done.</param>
public sealed record EntityPage(IReadOnlyList<StoredEntity> Entities, string? ContinuationToken);
