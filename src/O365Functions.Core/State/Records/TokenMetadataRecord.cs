namespace O365Functions.Core.State.Records;

/// <summary>What the gateway knows about an instance's refresh token, without the token itself (that is a secret).</summary>
/// <param name="InstanceId">The APS instance.</param>
/// <param name="LastUsed">When a token exchange last succeeded with it.</param>
/// <param name="LastRotated">When Microsoft last returned a new refresh token for it.</param>
/// <param name="Status">Whether the partner's consent holds.</param>
/// <param name="Detail">Why the status is what it is, in a sentence a provider can act on; never a token.</param>
public sealed record TokenMetadataRecord(string InstanceId, DateTimeOffset? LastUsed, DateTimeOffset? LastRotated, Consent.ConsentStatus Status, string? Detail = null);
