namespace O365Functions.Emulators.Faults;

/// <summary>A response kept for replay when the same <c>MS-RequestId</c> comes again.</summary>
internal sealed record RecordedResponse(int StatusCode, string? ContentType, byte[] Body, string? Location);
