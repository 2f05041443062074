namespace O365Functions.PartnerCenter.Auth;

/// <summary>Gives bearer tokens for an audience in a tenant. Implementations cache them until shortly before expiry.</summary>
public interface IAccessTokenSource
{
    /// <summary>A token for <paramref name="audience"/> in <paramref name="tenantId"/> (the partner's tenant when null).</summary>
    ValueTask<AccessToken> GetTokenAsync(string audience, string? tenantId = null, CancellationToken cancellationToken = default);

    /// <summary>Drops a cached token the service refused, so the next call gets a fresh one.</summary>
    void Forget(string audience, string? tenantId = null);
}
