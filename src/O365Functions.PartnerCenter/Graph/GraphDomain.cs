namespace O365Functions.PartnerCenter.Graph;

/// <summary>A domain of a tenant.</summary>
public sealed record GraphDomain
{
    /// <summary>The domain name.</summary>
    public string? Id { get; init; }

    /// <summary>Whether ownership is proven.</summary>
    public bool IsVerified { get; init; }

    /// <summary>Whether it is the tenant's default domain.</summary>
    public bool IsDefault { get; init; }
}
