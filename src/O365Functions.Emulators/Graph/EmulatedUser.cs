namespace O365Functions.Emulators.Graph;

/// <summary>A directory user in an emulated tenant.</summary>
internal sealed class EmulatedUser
{
    public required string Id { get; init; }

    public required string UserPrincipalName { get; init; }

    public string? DisplayName { get; init; }

    public string? UsageLocation { get; init; }

    public HashSet<Guid> Licenses { get; } = [];
}
