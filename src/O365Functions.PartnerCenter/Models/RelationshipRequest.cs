namespace O365Functions.PartnerCenter.Models;

/// <summary>The link a customer's global admin opens to accept the partner as reseller.</summary>
public sealed record RelationshipRequest
{
    /// <summary>The invitation URL.</summary>
    public Uri? Url { get; init; }
}
