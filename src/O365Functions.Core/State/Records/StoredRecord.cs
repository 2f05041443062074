namespace O365Functions.Core.State.Records;

/// <summary>A record as read, with the ETag to pass back when writing it again.</summary>
public sealed record StoredRecord<T>(T Record, EntityTag ETag);
