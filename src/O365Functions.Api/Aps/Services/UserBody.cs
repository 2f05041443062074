namespace O365Functions.Api.Aps.Services;

/// <summary>A <c>users</c> resource as the controller sends it.</summary>
internal sealed record UserBody
{
    public string? Login { get; init; }

    public string? Domain { get; init; }

    public string? DisplayName { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? UsageLocation { get; init; }

    public IReadOnlyList<string>? Licenses { get; init; }

    public string? Password { get; init; }
}
