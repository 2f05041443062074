namespace O365Functions.Emulators.Entra;

/// <summary>An access token the emulator issued, with what it is good for.</summary>
internal sealed record IssuedAccessToken(string Value, string Audience, string TenantId, bool AppOnly, DateTimeOffset ExpiresOn);
