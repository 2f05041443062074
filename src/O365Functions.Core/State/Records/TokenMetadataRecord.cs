namespace O365Functions.Core.State.Records;

/// <summary>What the gateway knows about an instance's refresh token, without the token itself (that is a secret).</summary>
public sealed record TokenMetadataRecord(string InstanceId, DateTimeOffset? LastUsed, DateTimeOffset? LastRotated, string Status);
