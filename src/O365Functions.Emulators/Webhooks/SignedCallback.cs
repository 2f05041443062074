namespace O365Functions.Emulators.Webhooks;

/// <summary>A webhook callback as the emulator sends it: the exact body bytes and the signature headers.</summary>
public sealed record SignedCallback(byte[] Body, IReadOnlyDictionary<string, string> Headers);
