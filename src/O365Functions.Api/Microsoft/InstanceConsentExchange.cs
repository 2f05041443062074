using Microsoft.Extensions.Options;
using O365Functions.Api.Aps;
using O365Functions.Core.Consent;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;
using O365Functions.PartnerCenter.Auth;

namespace O365Functions.Api.Microsoft;

/// <summary>
/// <see cref="IConsentExchange"/> with each instance's own credentials and endpoints: a token source built for the
/// instance alone (its client id, its secret names, its cloud's or its own login host), so instances never share a
/// token. A refusal is an answer (<c>consentRequired</c>, with Entra's reason); anything else (Entra unreachable or
/// failing) is thrown for the workflow to retry.
/// </summary>
public sealed class InstanceConsentExchange(
    GatewayRecords records, ISecretStore secrets, IHttpClientFactory http, IOptions<ApsOptions> options, DefaultMicrosoftEndpoints? defaults = null) : IConsentExchange
{
    /// <inheritdoc />
    public async Task<ConsentCheck> ExchangeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var instance = (await store.GetAsync<ApplicationInstanceRecord>(RecordKey.Instance(instanceId), cancellationToken).ConfigureAwait(false))?.Record
            ?? throw new InvalidOperationException($"Application instance {instanceId} is not installed (it was uninstalled while its refresh token was being verified).");
        var settings = options.Value;
        var endpoints = MicrosoftCloudEndpoints.For(instance, settings.AllowCustomEndpoints, defaults?.Get());
        var refreshTokenName = InstanceSecretNames.RefreshToken(instanceId);
        var before = (await secrets.GetAsync(refreshTokenName, cancellationToken).ConfigureAwait(false))?.Reveal();
        using var tokens = new SecureApplicationTokenSource(http.CreateClient(nameof(InstanceConsentExchange)), secrets, new EntraTokenOptions
        {
            AuthorityHost = endpoints.Login,
            PartnerTenantId = instance.PartnerTenantId,
            ClientId = instance.ApplicationId,
            ClientSecretName = InstanceSecretNames.ApplicationSecret(instanceId),
            RefreshTokenName = refreshTokenName,
        });
        try
        {
            await tokens.GetTokenAsync(endpoints.PartnerCenterAudience, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ConsentRequiredException refused)
        {
            return new ConsentCheck(ConsentStatus.ConsentRequired, refused.Message, Rotated: false);
        }

        var after = (await secrets.GetAsync(refreshTokenName, cancellationToken).ConfigureAwait(false))?.Reveal();
        return new ConsentCheck(ConsentStatus.Authenticated, "A token exchange with Microsoft succeeded with the stored refresh token.", Rotated: after != before);
    }
}
