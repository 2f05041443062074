using Microsoft.Extensions.Options;
using O365Functions.Api.Aps;
using O365Functions.Core.Consent;
using O365Functions.Core.Secrets;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.Api.Consent;

/// <summary>
/// <see cref="IConsentExchange"/> over the instance's own token source (<see cref="InstanceMicrosoftClients"/>): the
/// cached Partner Center token is dropped first, so the stored refresh token is really exchanged. A refusal is an
/// answer (<c>consentRequired</c>, with Entra's reason); anything else (Entra unreachable or failing) is thrown for the
/// workflow to retry. Every exchange also reads the token's <c>amr</c>: Partner Center refuses app+user tokens without
/// multi-factor authentication since 2026-04-01, so a sign-in without it is <c>consentRequired</c> too, and one that
/// cannot be read is refused only when <see cref="ApsOptions.RefuseUnknownMultiFactor"/> says so.
/// </summary>
public sealed class InstanceConsentExchange(InstanceMicrosoftClients clients, ISecretStore secrets, IOptions<ApsOptions> options) : IConsentExchange
{
    /// <inheritdoc />
    public async Task<ConsentCheck> ExchangeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var set = await clients.ForInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var refreshTokenName = InstanceSecretNames.RefreshToken(instanceId);
        var before = (await secrets.GetAsync(refreshTokenName, cancellationToken).ConfigureAwait(false))?.Reveal();
        set.Tokens.Forget(set.Endpoints.PartnerCenterAudience);
        bool? multiFactor;
        try
        {
            var token = await set.Tokens.GetTokenAsync(set.Endpoints.PartnerCenterAudience, cancellationToken: cancellationToken).ConfigureAwait(false);
            multiFactor = MultiFactorClaim.Read(token.Reveal());
        }
        catch (ConsentRequiredException refused)
        {
            return new ConsentCheck(ConsentStatus.ConsentRequired, refused.Message, Rotated: false);
        }

        var after = (await secrets.GetAsync(refreshTokenName, cancellationToken).ConfigureAwait(false))?.Reveal();
        return multiFactor switch
        {
            false => new ConsentCheck(ConsentStatus.ConsentRequired,
                "The sign-in behind the stored refresh token used no multi-factor authentication (its token's amr lacks mfa), and Partner Center refuses such tokens. " +
                "The partner's admin must consent again, signing in with MFA (POST /aps/app/{id}/authenticate).", Rotated: after != before),
            null when options.Value.RefuseUnknownMultiFactor => new ConsentCheck(ConsentStatus.ConsentRequired,
                "Whether the sign-in behind the stored refresh token used multi-factor authentication cannot be read from the token, and this gateway refuses it then " +
                "(Aps:RefuseUnknownMultiFactor). The partner's admin must consent again, signing in with MFA.", Rotated: after != before),
            null => new ConsentCheck(ConsentStatus.Authenticated,
                "A token exchange with Microsoft succeeded with the stored refresh token; whether its sign-in used MFA cannot be read.", Rotated: after != before),
            true => new ConsentCheck(ConsentStatus.Authenticated,
                "A token exchange with Microsoft succeeded with the stored refresh token, whose sign-in used MFA.", Rotated: after != before),
        };
    }
}
