using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps.Authentication;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Aps.Phases;
using O365Functions.Api.Http;
using O365Functions.Core.Consent;
using O365Functions.Core.Secrets;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// The root service: installs, configures, upgrades and uninstalls application instances, and takes the partner's
/// consent refresh token. Secrets go to the secret store and are never returned; settings go to the instance record.
/// </summary>
public sealed partial class AppService(
    GatewayRecords records,
    ISecretStore secrets,
    ApsInstanceDirectory directory,
    ApsPhases phases,
    IOptions<MicrosoftEndpointPolicy> endpointPolicy,
    GatewayLimits limits,
    Consent.ConsentFlow consent,
    InstanceUpgrade upgrade,
    ILogger<AppService> logger,
    DefaultMicrosoftEndpoints? defaultEndpoints = null) : ApsService
{
    /// <inheritdoc />
    public override ApsType Type => ApsPackage.App;

    /// <summary>Install: stores the settings and secrets of a new instance; a repeated install of the same instance answers its properties.</summary>
    public override async Task<IResult> ProvisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Instance is { } existing)
        {
            // A repeated install also repairs an index entry a crash after the first one's settings may have lost, and,
            // being authenticated as the instance's controller, may move the controller's address.
            await IndexAsync(call.InstanceId, cancellationToken);
            return MovedController(call, existing.Record) is { } moved
                ? await ReplaceAsync(existing, moved, cancellationToken)
                : await RepresentAsync(existing.Record, cancellationToken);
        }

        var body = call.Body.Deserialize<AppSettingsBody>(GatewayJson.Options)!;
        var problems = Check(body, call.InstanceId, installing: true);
        if (problems.Count > 0)
        {
            return ApsResults.Problems("InvalidSettings", problems, limits);
        }

        var mode = body.Aps?.X509 is null ? ApsAuthenticationModes.OAuth : ApsAuthenticationModes.Certificate;
        if (mode == ApsAuthenticationModes.Certificate)
        {
            await secrets.SetAsync(InstanceSecretNames.SelfCertificate(call.InstanceId), body.Aps!.X509!.Self!, cancellationToken);
            await secrets.SetAsync(InstanceSecretNames.ControllerCertificate(call.InstanceId), body.Aps.X509.Controller!, cancellationToken);
        }

        await secrets.SetAsync(InstanceSecretNames.ApplicationSecret(call.InstanceId), body.ApplicationSecret!, cancellationToken);
        var record = ToRecord(body, call.InstanceId, mode, call.Request.Headers[ApsHeaders.ControllerUri].ToString(), ApsPackage.Version);
        var store = await records.GetAsync(cancellationToken);
        try
        {
            // The settings record is written last: until it exists the instance is not installed.
            await store.PutAsync(RecordKey.Instance(call.InstanceId), record, ifMatch: null, cancellationToken);
        }
        catch (EntityStoreException conflict) when (conflict.Error == EntityStoreError.AlreadyExists)
        {
            // A concurrent install of the same instance won; its record stands.
            record = (await store.GetAsync<ApplicationInstanceRecord>(RecordKey.Instance(call.InstanceId), cancellationToken))!.Record;
        }

        await IndexAsync(call.InstanceId, cancellationToken);
        directory.Forget(call.InstanceId);
        return await RepresentAsync(record, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<IResult> RetrieveAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return SameInstance(call) ?? await RepresentAsync(call.RequiredInstance.Record, cancellationToken);
    }

    /// <summary>Configure: replaces the settings with the full representation; a new <c>applicationSecret</c> becomes a new secret version.</summary>
    public override async Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (SameInstance(call) is { } notThis)
        {
            return notThis;
        }

        var instance = call.RequiredInstance;
        var body = call.Body.Deserialize<AppSettingsBody>(GatewayJson.Options)!;
        var problems = Check(body, call.InstanceId, installing: false);
        if (problems.Count > 0)
        {
            return ApsResults.Problems("InvalidSettings", problems, limits);
        }

        if (body.ApplicationSecret is { Length: > 0 } secret
            && (await secrets.GetAsync(InstanceSecretNames.ApplicationSecret(call.InstanceId), cancellationToken))?.Reveal() != secret)
        {
            await secrets.SetAsync(InstanceSecretNames.ApplicationSecret(call.InstanceId), secret, cancellationToken);
        }

        // The controller's address stays as installed: an ordinary request naming another changes nothing.
        var record = ToRecord(body, call.InstanceId, instance.Record.Authentication, instance.Record.ControllerUri ?? string.Empty, instance.Record.PackageVersion);
        return await ReplaceAsync(instance, record, cancellationToken);
    }

    /// <summary>
    /// Uninstall: the instance's credentials are deleted and the instance is forgotten; nothing at Microsoft changes,
    /// and its tenants' records stay. The controller's certificate goes last, after the record: an uninstall that
    /// failed half-way is sent again by the controller, and must still authenticate until the instance is gone.
    /// </summary>
    public override async Task<IResult> UnprovisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (SameInstance(call) is { } notThis)
        {
            return notThis;
        }

        foreach (var credential in (string[])[
            InstanceSecretNames.ApplicationSecret(call.InstanceId),
            InstanceSecretNames.RefreshToken(call.InstanceId),
            InstanceSecretNames.SelfCertificate(call.InstanceId)])
        {
            await secrets.DeleteAsync(credential, cancellationToken);
        }

        var table = await records.GetAsync(cancellationToken);
        await table.DeleteAsync(RecordKey.InstanceIndex(call.InstanceId), cancellationToken: cancellationToken);
        await table.DeleteAsync(RecordKey.Instance(call.InstanceId), cancellationToken: cancellationToken);
        directory.Forget(call.InstanceId);
        await secrets.DeleteAsync(InstanceSecretNames.ControllerCertificate(call.InstanceId), cancellationToken);
        return Results.NoContent();
    }

    /// <inheritdoc />
    public override async Task<IResult> OperationAsync(ApsCall call, ApsOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(operation);
        if (SameInstance(call) is { } notThis)
        {
            return notThis;
        }

        return operation.Name switch
        {
            "refreshToken" => await RefreshTokenAsync(call, cancellationToken),
            "upgrade" => await UpgradeAsync(call, cancellationToken),
            _ => Results.Json(new { url = (await consent.StartAsync(call.InstanceId, call.Request, cancellationToken)).AbsoluteUri }, GatewayJson.Options),
        };
    }

    private async Task<IResult> RefreshTokenAsync(ApsCall call, CancellationToken cancellationToken)
    {
        var token = call.Body["refreshToken"]!.GetValue<string>();
        if (token.Length is 0 or > 8192)
        {
            return ApsResults.BadRequest("InvalidRefreshToken", "'refreshToken' must be the refresh token of a consent: 1 to 8192 characters.");
        }

        var operation = new ApsOperationRequest(call.InstanceId, call.InstanceId, "refreshToken", VerifyConsentWorkflow.Name, call.InstanceId, Encoding.UTF8.GetBytes(token)) { IsPoll = call.IsPoll };
        return await phases.StartOrPollAsync(
            operation,
            call.Workflows,
            async workflow =>
            {
                var check = workflow.ReadOutputAs<ConsentCheck>();
                return check?.Status == ConsentStatus.Authenticated
                    ? await RepresentAsync(call.RequiredInstance.Record, cancellationToken)
                    : ApsResults.Error(StatusCodes.Status500InternalServerError, "ConsentRequired", check?.Detail ?? "Microsoft refused the refresh token.");
            },
            () => secrets.SetAsync(InstanceSecretNames.RefreshToken(call.InstanceId), token, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Commerce's <c>upgrade</c>: <c>?version=&lt;old version&gt;-&lt;old release&gt;</c> names the release the instance
    /// ran. A release the gateway cannot upgrade from is refused (400) before anything changes; otherwise the stored
    /// records are brought to this release (<see cref="InstanceUpgrade"/>) and the instance records it, with the
    /// controller's address if the upgrade names a new one.
    /// </summary>
    private async Task<IResult> UpgradeAsync(ApsCall call, CancellationToken cancellationToken)
    {
        var instance = call.RequiredInstance;
        var from = call.Request.Query["version"].ToString();
        var current = $"{ApsPackage.Version}-{ApsPackage.Release}";
        if (from != current && !ApsPackage.UpgradableReleases.Contains(from, StringComparer.Ordinal))
        {
            return ApsResults.BadRequest("CannotUpgrade",
                $"This release ({current}) cannot upgrade an instance from version '{Echo.Bounded(from, limits.MaxEchoedLength)}'. It upgrades from: {string.Join(", ", ApsPackage.UpgradableReleases)}. " +
                "Send ?version=<old version>-<old release>, or upgrade through a release in between.");
        }

        var report = await upgrade.RunAsync(call.InstanceId, cancellationToken);
        var record = (MovedController(call, instance.Record) ?? instance.Record) with { PackageVersion = ApsPackage.Version };
        LogUpgraded(call.InstanceId, from, current, report);
        return await ReplaceAsync(instance, record, cancellationToken);
    }

    /// <summary>The instance with the controller's new address, logged, when an authenticated install or upgrade names another one; otherwise null.</summary>
    private ApplicationInstanceRecord? MovedController(ApsCall call, ApplicationInstanceRecord record)
    {
        var named = call.Request.Headers[ApsHeaders.ControllerUri].ToString();
        if (named.Length == 0 || string.Equals(named, record.ControllerUri, StringComparison.Ordinal) || !Uri.TryCreate(named, UriKind.Absolute, out _))
        {
            return null;
        }

        LogControllerMoved(call.InstanceId, record.ControllerUri ?? "nowhere", named);
        return record with { ControllerUri = named };
    }

    /// <summary>Lists the instance for the jobs that visit every instance (the token keep-alive); already listed is fine.</summary>
    private async Task IndexAsync(string instanceId, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken);
        await store.TryAddAsync(RecordKey.InstanceIndex(instanceId), new InstanceIndexRecord(instanceId), cancellationToken);
    }

    private async Task<IResult> ReplaceAsync(ApsInstance instance, ApplicationInstanceRecord record, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken);
        try
        {
            await store.PutAsync(RecordKey.Instance(record.InstanceId), record, instance.ETag, cancellationToken);
        }
        catch (EntityStoreException conflict) when (conflict.Error is EntityStoreError.PreconditionFailed or EntityStoreError.NotFound)
        {
            directory.Forget(record.InstanceId);
            return ApsResults.Error(StatusCodes.Status409Conflict, "ConcurrentChange",
                "The instance's settings changed while this request was handled. Send the request again.");
        }

        directory.Forget(record.InstanceId);
        return await RepresentAsync(record, cancellationToken);
    }

    private async Task<IResult> RepresentAsync(ApplicationInstanceRecord record, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken);
        var token = (await store.GetAsync<TokenMetadataRecord>(RecordKey.TokenMetadata(record.InstanceId), cancellationToken))?.Record;
        return ApsRepresentation.Ok(Type, record.InstanceId, new
        {
            record.Cloud,
            record.PartnerTenantId,
            record.ApplicationId,
            record.AccountMode,
            record.CspModel,
            record.DefaultCountry,
            record.CatalogCountries,
            record.CatalogLanguage,
            record.ProductNames,
            record.BillingCycle,
            record.AdminAccessGroupId,
            record.Endpoints,
            AuthenticationStatus = token?.Status ?? ConsentStatus.NotAuthenticated,
            AuthenticationMessage = token?.Detail ?? "No refresh token was verified yet: send one with POST /aps/app/{id}/refreshToken.",
            RefreshTokenLastUsed = token?.LastUsed,
        });
    }

    private static IResult? SameInstance(ApsCall call) =>
        string.Equals(call.Route.ResourceId, call.InstanceId, StringComparison.OrdinalIgnoreCase)
            ? null
            : ApsResults.Error(StatusCodes.Status404NotFound, "NotFound", "An application instance can only read and change itself: the resource id must be the APS-Instance-ID.");

    private List<ApsErrorDetail> Check(AppSettingsBody body, string instanceId, bool installing)
    {
        var problems = new List<ApsErrorDetail>();
        if (installing && !string.Equals(body.Aps?.Id, instanceId, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new("InvalidApsId", "aps.id", "aps.id must be the new instance's id, the same UUID as the APS-Instance-ID header."));
        }

        if (installing && body.Aps?.X509 is { } x509 && X509Problem(x509) is { } certificateProblem)
        {
            problems.Add(certificateProblem);
        }

        Require(problems, ApsFieldRules.IsUuid(body.PartnerTenantId), "partnerTenantId", "'partnerTenantId' must be the partner's Entra tenant id, a UUID.");
        Require(problems, ApsFieldRules.IsUuid(body.ApplicationId), "applicationId", "'applicationId' must be the app registration's client id, a UUID.");
        Require(problems, ApsFieldRules.IsCountry(body.DefaultCountry), "defaultCountry", "'defaultCountry' must be an ISO 3166-1 alpha-2 code such as US.");
        foreach (var country in body.CatalogCountries ?? [])
        {
            Require(problems, ApsFieldRules.IsCountry(country), "catalogCountries", $"'{Echo.Bounded(country, limits.MaxEchoedLength)}' in 'catalogCountries' is not an ISO 3166-1 alpha-2 code such as US.");
        }

        Require(problems, body.CatalogLanguage is null || ApsFieldRules.IsLanguage(body.CatalogLanguage), "catalogLanguage", "'catalogLanguage' must be a language tag such as en-US.");
        if (body.ApplicationSecret is { Length: > 1024 })
        {
            problems.Add(new("InvalidValue", "applicationSecret", "'applicationSecret' is longer than 1024 characters; send the client secret Entra issued."));
        }

        if (body.Endpoints is { } endpoints)
        {
            if (!endpointPolicy.Value.AllowCustomEndpoints)
            {
                problems.Add(new("CustomEndpointsNotAllowed", "endpoints",
                    "This gateway does not allow custom Microsoft endpoints (Microsoft:AllowCustomEndpoints is off). Remove 'endpoints' to use the cloud's public endpoints."));
            }
            else
            {
                foreach (var (name, value) in new MicrosoftEndpointsRecord(endpoints.PartnerCenter, endpoints.Login, endpoints.Graph).Named)
                {
                    if (value is not null && !ApsFieldRules.IsBaseUrl(value))
                    {
                        problems.Add(new("InvalidValue", $"endpoints.{name}",
                            $"'endpoints.{name}' must be a base URL such as https://host:port, with nothing after the port (http only on loopback)."));
                    }
                    else if (value is not null && !endpointPolicy.Value.Allows(value, defaultEndpoints?.Get()))
                    {
                        problems.Add(new("EndpointNotAllowed", $"endpoints.{name}",
                            $"'{Echo.Bounded(value, limits.MaxEchoedLength)}' is not one of the Microsoft endpoints this gateway's provider allows (Microsoft:AllowedEndpoints). Add its origin there, or leave 'endpoints.{name}' out."));
                    }
                }
            }
        }

        return problems;
    }

    private static ApsErrorDetail? X509Problem(X509Body x509)
    {
        if (x509.Self is null || x509.Controller is null)
        {
            return new("InvalidCertificate", "aps.x509", "aps.x509 must carry 'self' (the instance's certificate and RSA key, PEM) and 'controller' (the controller's certificate, PEM).");
        }

        try
        {
            using var self = X509Certificate2.CreateFromPem(x509.Self, x509.Self);
            using var controller = X509Certificate2.CreateFromPem(x509.Controller);
            return self.HasPrivateKey ? null : new("InvalidCertificate", "aps.x509.self", "aps.x509.self must hold the instance's private key after its certificate.");
        }
        catch (CryptographicException)
        {
            return new("InvalidCertificate", "aps.x509", "aps.x509 'self' or 'controller' is not PEM as APSC sends it: a certificate (and for 'self', its RSA private key).");
        }
    }

    private static void Require(List<ApsErrorDetail> problems, bool condition, string field, string message)
    {
        if (!condition)
        {
            problems.Add(new("InvalidValue", field, message));
        }
    }

    private static ApplicationInstanceRecord ToRecord(AppSettingsBody body, string instanceId, string mode, string controllerUri, string? packageVersion)
    {
        var country = body.DefaultCountry!.ToUpperInvariant();
        return new ApplicationInstanceRecord(
            instanceId,
            body.Cloud!,
            body.PartnerTenantId!,
            body.ApplicationId!,
            body.AccountMode ?? "production",
            body.CspModel ?? "direct",
            country,
            body.CatalogCountries is { Count: > 0 } countries ? [.. countries.Select(c => c.ToUpperInvariant())] : [country],
            body.CatalogLanguage ?? "en-US",
            body.BillingCycle ?? "monthly",
            body.ProductNames ?? "keep",
            body.Endpoints is { } e ? new MicrosoftEndpointsRecord(e.PartnerCenter, e.Login, e.Graph) : null,
            mode,
            controllerUri.Length > 0 ? controllerUri : null,
            body.Aps?.Type,
            packageVersion,
            body.AdminAccessGroupId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} upgraded from {From} to {To}: {Report}")]
    private partial void LogUpgraded(string instanceId, string from, string to, string report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The controller of instance {InstanceId} moved from {From} to {To}.")]
    private partial void LogControllerMoved(string instanceId, string from, string to);
}
