using System.Security.Cryptography;

namespace O365Functions.Emulators.Graph;

/// <summary>A domain added to an emulated tenant.</summary>
internal sealed class EmulatedDomain
{
    public required string Id { get; init; }

    public bool IsVerified { get; set; }

    /// <summary>The TXT value that proves ownership.</summary>
    public string VerificationText { get; } = $"MS=ms{RandomNumberGenerator.GetInt32(10_000_000, 99_999_999)}";
}
