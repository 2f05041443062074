using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps;
using O365Functions.Api.Http;
using O365Functions.Core.Consent;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.Api.Consent;

/// <summary>
/// The interactive consent of the Secure Application Model. <see cref="StartAsync"/> gives the link a partner admin
/// opens (Entra's authorize page for the instance's app registration, with a random single-use <c>state</c>);
/// Entra sends the admin back to <c>/consent/callback</c>, where the code is redeemed with the instance's credentials,
/// the sign-in is checked for MFA, the refresh token stored and the instance marked authenticated. The state is kept
/// only as its SHA-256 and is deleted by the callback that uses it, so a link works once.
/// </summary>
public sealed partial class ConsentFlow(
    GatewayRecords records, InstanceMicrosoftClients clients, IOptions<ApsOptions> options, TimeProvider time, GatewayLimits limits, ILogger<ConsentFlow> logger)
{
    /// <summary>The callback's path on both hosts.</summary>
    public const string CallbackPath = "/consent/callback";

    /// <summary>Creates a consent link for <paramref name="instanceId"/>; the callback is on the host <paramref name="request"/> reached.</summary>
    public async Task<Uri> StartAsync(string instanceId, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        await store.PutAsync(RecordKey.ConsentState(Hash(state)), new ConsentStateRecord(instanceId, time.GetUtcNow() + options.Value.ConsentLinkLifetime), ifMatch: null, cancellationToken)
            .ConfigureAwait(false);
        var set = await clients.ForInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return set.Tokens.AuthorizeUri(RedirectUri(request), set.Endpoints.PartnerCenterAudience, state);
    }

    /// <summary><c>GET /consent/callback?code=...&amp;state=...</c>: redeems the consent; answers a page the admin reads.</summary>
    public async Task<IResult> CallbackAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        if (query["error"].ToString() is { Length: > 0 } refused)
        {
            return Page(StatusCodes.Status400BadRequest,
                $"No consent was given ({Echo.Bounded(refused, limits.MaxEchoedLength)}: {Echo.Bounded(query["error_description"].ToString(), 200)}). Ask for a new consent link and try again.");
        }

        if (query["code"].ToString() is not { Length: > 0 } code || query["state"].ToString() is not { Length: > 0 and <= 128 } state)
        {
            return Page(StatusCodes.Status400BadRequest, "This address is opened by Microsoft's consent page with a code and a state; open the consent link instead.");
        }

        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.ConsentState(Hash(state));
        var pending = await store.GetAsync<ConsentStateRecord>(key, cancellationToken).ConfigureAwait(false);
        bool used;
        try
        {
            used = pending is not null && await store.DeleteAsync(key, pending.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (EntityStoreException raced) when (raced.Error == EntityStoreError.PreconditionFailed)
        {
            used = false;
        }

        if (!used || pending!.Record.ExpiresAt < time.GetUtcNow())
        {
            return Page(StatusCodes.Status400BadRequest, "This consent link is unknown, already used or expired. Ask for a new consent link and try again.");
        }

        var instanceId = pending.Record.InstanceId;
        var set = await clients.ForInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        bool? multiFactor;
        try
        {
            multiFactor = await set.Tokens.RedeemAuthorizationCodeAsync(
                code, RedirectUri(request), set.Endpoints.PartnerCenterAudience, options.Value.RefuseUnknownMultiFactor, cancellationToken).ConfigureAwait(false);
        }
        catch (ConsentRequiredException consent)
        {
            await ConsentRecords.RecordAsync(records, instanceId, new ConsentCheck(ConsentStatus.ConsentRequired, consent.Message, Rotated: false), time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            LogRefused(instanceId, consent.Message);
            return Page(StatusCodes.Status400BadRequest, consent.Message);
        }
        catch (EntraTokenException entra)
        {
            return Page(StatusCodes.Status502BadGateway, $"Microsoft could not complete the consent: {entra.Message} Try again with a new consent link.");
        }

        var detail = multiFactor is null
            ? "Consent recorded; the tokens do not say whether the sign-in used MFA (MFA unknown)."
            : "Consent recorded from a sign-in with multi-factor authentication.";
        await ConsentRecords.RecordAsync(records, instanceId, new ConsentCheck(ConsentStatus.Authenticated, detail, Rotated: true), time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        LogConsented(instanceId, multiFactor);
        return Page(StatusCodes.Status200OK, detail + " You can close this window.");
    }

    private Uri RedirectUri(HttpRequest request) =>
        options.Value.ConsentRedirectUri ?? new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase}{CallbackPath}");

    private static string Hash(string state) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private static IResult Page(int status, string message) => Results.Text(message, "text/plain; charset=utf-8", Encoding.UTF8, status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consent recorded for instance {InstanceId} (MFA shown: {MultiFactor}).")]
    private partial void LogConsented(string instanceId, bool? multiFactor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consent refused for instance {InstanceId}: {Reason}")]
    private partial void LogRefused(string instanceId, string reason);
}
