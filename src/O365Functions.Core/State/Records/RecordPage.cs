namespace O365Functions.Core.State.Records;

/// <summary>One page of a partition's records, and the opaque token that reads the next page (null after the last).</summary>
public sealed record RecordPage<T>(IReadOnlyList<StoredRecord<T>> Records, string? ContinuationToken);
