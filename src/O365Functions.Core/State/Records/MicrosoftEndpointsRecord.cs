namespace O365Functions.Core.State.Records;

/// <summary>
/// An instance's own Microsoft base URLs, written like the public hosts they replace (<c>scheme://host[:port]</c>);
/// the gateway appends the API paths itself. A missing one means the cloud's public host.
/// </summary>
/// <param name="PartnerCenter">Replaces <c>https://api.partnercenter.microsoft.com</c>.</param>
/// <param name="Login">Replaces <c>https://login.microsoftonline.com</c>.</param>
/// <param name="Graph">Replaces <c>https://graph.microsoft.com</c>.</param>
public sealed record MicrosoftEndpointsRecord(string? PartnerCenter, string? Login, string? Graph)
{
    /// <summary>Each endpoint with the name its APS property has (<c>endpoints.{name}</c>), the missing ones included.</summary>
    public IEnumerable<(string Name, string? Url)> Named => [("partnerCenter", PartnerCenter), ("login", Login), ("graph", Graph)];
}
