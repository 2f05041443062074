using O365Functions.PartnerCenter.Auth;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>A token source for clients under test that talk to a stand-in: a fixed token per tenant, valid an hour.</summary>
internal sealed class FixedTokenSource : IAccessTokenSource
{
    public ValueTask<AccessToken> GetTokenAsync(string audience, string? tenantId = null, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new AccessToken($"token-for-{tenantId}", DateTimeOffset.UtcNow.AddHours(1)));

    public void Forget(string audience, string? tenantId = null)
    {
    }
}
