namespace O365Functions.PartnerCenter.Models;

/// <summary>
/// A partner the signed-in partner has a relationship with (<c>GET /v1/relationships?relationship_type=...</c>): for an
/// indirect provider, each of its indirect resellers, named by <see cref="MpnId"/> on orders and carts.
/// </summary>
public sealed record PartnerRelationship
{
    /// <summary>The related partner's tenant id.</summary>
    public string? Id { get; init; }

    /// <summary>The related partner's name.</summary>
    public string? Name { get; init; }

    /// <summary><c>IsIndirectCloudSolutionProviderOf</c> for the provider's indirect resellers.</summary>
    public string? RelationshipType { get; init; }

    /// <summary><c>Active</c> while the relationship stands.</summary>
    public string? State { get; init; }

    /// <summary>The related partner's MPN ID (its partner location id).</summary>
    public string? MpnId { get; init; }

    /// <summary>The related partner's location.</summary>
    public string? Location { get; init; }
}
