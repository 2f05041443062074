using O365Functions.Core.Consent;
using O365Functions.Core.Secrets;
using O365Functions.PartnerCenter.Auth;

namespace O365Functions.Api.Microsoft;

/// <summary>
/// <see cref="IConsentExchange"/> over the instance's own token source (<see cref="InstanceMicrosoftClients"/>): the
/// cached Partner Center token is dropped first, so the stored refresh token is really exchanged. A refusal is an
/// answer (<c>consentRequired</c>, with Entra's reason); anything else (Entra unreachable or failing) is thrown for the
/// workflow to retry.
/// </summary>
public sealed class InstanceConsentExchange(InstanceMicrosoftClients clients, ISecretStore secrets) : IConsentExchange
{
    /// <inheritdoc />
    public async Task<ConsentCheck> ExchangeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var set = await clients.ForInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var refreshTokenName = InstanceSecretNames.RefreshToken(instanceId);
        var before = (await secrets.GetAsync(refreshTokenName, cancellationToken).ConfigureAwait(false))?.Reveal();
        set.Tokens.Forget(set.Endpoints.PartnerCenterAudience);
        try
        {
            await set.Tokens.GetTokenAsync(set.Endpoints.PartnerCenterAudience, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ConsentRequiredException refused)
        {
            return new ConsentCheck(ConsentStatus.ConsentRequired, refused.Message, Rotated: false);
        }

        var after = (await secrets.GetAsync(refreshTokenName, cancellationToken).ConfigureAwait(false))?.Reveal();
        return new ConsentCheck(ConsentStatus.Authenticated, "A token exchange with Microsoft succeeded with the stored refresh token.", Rotated: after != before);
    }
}
