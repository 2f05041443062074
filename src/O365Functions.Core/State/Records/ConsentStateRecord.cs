namespace O365Functions.Core.State.Records;

/// <summary>
/// A consent the gateway asked a partner admin for: the instance it is for and until when its callback is accepted.
/// Kept under the SHA-256 of the <c>state</c> parameter, never the state itself, and deleted when the callback uses it.
/// </summary>
/// <param name="InstanceId">The APS instance the consent is for.</param>
/// <param name="ExpiresAt">When the callback stops being accepted.</param>
public sealed record ConsentStateRecord(string InstanceId, DateTimeOffset ExpiresAt);
