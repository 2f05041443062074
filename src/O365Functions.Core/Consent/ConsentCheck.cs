namespace O365Functions.Core.Consent;

/// <summary>The outcome of one refresh-token exchange.</summary>
/// <param name="Status"><see cref="ConsentStatus.Authenticated"/> or <see cref="ConsentStatus.ConsentRequired"/>.</param>
/// <param name="Detail">Why, and what a person should do, in a sentence; never a token.</param>
/// <param name="Rotated">Whether Microsoft returned a new refresh token (which was stored).</param>
public sealed record ConsentCheck(ConsentStatus Status, string Detail, bool Rotated);
