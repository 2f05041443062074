using System.Text.Json;
using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Aps.Phases;
using O365Functions.Api.Http;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Catalog;
using O365Functions.Core.Directory;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// <c>users</c>: a user of a tenant with its licenses. A user linked to a Commerce service user takes its names and
/// login from it unless the body carries them. Every rule is checked before anything is started (the sign-in name, its
/// domain, the licenses against the catalog and the tenant's subscriptions, the seats left), then
/// <see cref="ManageUserWorkflow"/> creates, changes or deletes the user in the customer's tenant. The initial
/// password goes to the secret store until the user is created, never into a workflow or a record.
/// </summary>
public sealed class UserService(
    InstanceCatalogs catalogs, GatewayRecords records, ApsPhases phases, ISecretStore secrets, CommerceController commerce, GatewayLimits limits) : TenantResourceService(records, limits)
{
    /// <inheritdoc />
    public override ApsType Type => ApsPackage.Users;

    /// <inheritdoc />
    public override async Task<IResult> ProvisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!ApsFieldRules.IsUuid(call.ResourceId))
        {
            return ApsResults.BadRequest("InvalidApsId", "aps.id must be the user resource's UUID, as the controller assigns it.");
        }

        var tenant = await TenantAsync(call, cancellationToken);
        var (body, serviceUserProblem) = await WithServiceUserAsync(call, call.Body.Deserialize<UserBody>(GatewayJson.Options)!, tenant, cancellationToken);
        var problems = await CheckAsync(call, body, tenant, call.ResourceId, cancellationToken);
        if (serviceUserProblem is not null)
        {
            problems.Insert(0, serviceUserProblem);
        }

        foreach (var (field, value) in new[] { ("login", body.Login), ("displayName", body.DisplayName) })
        {
            if (string.IsNullOrEmpty(value))
            {
                problems.Add(new("MissingProperty", field, $"'{field}' is required: send it, or link the user to a Commerce service user ('user') that has it."));
            }
        }

        var generated = string.IsNullOrEmpty(body.Password) && call.LinkId("user") is not null ? InitialPasswords.Generate() : null;
        if (string.IsNullOrEmpty(body.Password) && generated is null)
        {
            problems.Add(new("MissingProperty", "password", "A new user needs its initial 'password'; the user changes it at first sign-in."));
        }

        if (problems.Count > 0)
        {
            return ApsResults.Problems("InvalidUser", problems, Limits);
        }

        body = body with { Password = body.Password is { Length: > 0 } given ? given : generated };

        var user = new UserRecord(call.InstanceId, tenant!.ApsId, call.ResourceId, null, Upn(body, tenant), body.Licenses ?? [], body.DisplayName, body.UsageLocation, UserStatus.Provisioning);
        return await StartAsync(call, tenant, user, UserChangeKind.Provision, body, async () =>
        {
            await secrets.SetAsync(InstanceSecretNames.UserPassword(call.InstanceId, user.ApsId), body.Password!, cancellationToken);
            if (generated is not null)
            {
                await secrets.SetAsync(InstanceSecretNames.GeneratedUserPassword(call.InstanceId, user.ApsId), generated, cancellationToken);
            }

            await IndexAsync(call.InstanceId, tenant.ApsId, user.ApsId, cancellationToken);
            await (await Records.GetAsync(cancellationToken)).SaveUserAsync(user, remove: false, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<IResult> RetrieveAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await FindAsync(call, cancellationToken) is { } user ? Represent(user.Record) : NotFound(call);
    }

    /// <summary>Brings the user's licenses to those of the full representation; the sign-in name stays as created.</summary>
    public override async Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await FindAsync(call, cancellationToken) is not { } stored)
        {
            return NotFound(call);
        }

        var body = call.Body.Deserialize<UserBody>(GatewayJson.Options)!;
        var tenant = await TenantOfAsync(call.InstanceId, stored.Record.TenantApsId, cancellationToken);
        var problems = await CheckAsync(call, body with { Login = null, Domain = null }, tenant, stored.Record.ApsId, cancellationToken);
        if (problems.Count > 0)
        {
            return ApsResults.Problems("InvalidUser", problems, Limits);
        }

        var user = stored.Record with { Licenses = body.Licenses ?? [], DisplayName = body.DisplayName ?? stored.Record.DisplayName };
        return await StartAsync(call, tenant!, user, UserChangeKind.Configure, body, null, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<IResult> UnprovisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await FindAsync(call, cancellationToken) is not { } stored)
        {
            return Results.NoContent();
        }

        var tenant = await TenantOfAsync(call.InstanceId, stored.Record.TenantApsId, cancellationToken);
        if (tenant?.MicrosoftTenantId is null || stored.Record.UserId is null)
        {
            await (await Records.GetAsync(cancellationToken)).SaveUserAsync(stored.Record, remove: true, cancellationToken);
            return Results.NoContent();
        }

        return await StartAsync(call, tenant, stored.Record, UserChangeKind.Remove, new UserBody(), null, cancellationToken);
    }

    private async Task<IResult> StartAsync(ApsCall call, TenantRecord tenant, UserRecord user, UserChangeKind kind, UserBody body, Func<Task>? beforeStart, CancellationToken cancellationToken)
    {
        var subscriptions = tenant.Subscriptions.ToDictionary(s => s.ProvisioningId, s => s.SubscriptionId, StringComparer.OrdinalIgnoreCase);
        var work = new UserWork(
            kind,
            new TenantOperation(call.InstanceId, tenant.ApsId, string.Empty),
            tenant.MicrosoftTenantId!,
            user,
            new NewDirectoryUser(user.UserPrincipalName, user.DisplayName ?? user.UserPrincipalName, body.FirstName, body.LastName, user.UsageLocation ?? tenant.Country),
            [.. user.Licenses.Select(id => subscriptions[id])],
            [.. subscriptions.Values]);
        var name = kind.ToString().ToLowerInvariant();
        var operation = new ApsOperationRequest(call.InstanceId, user.ApsId, name, ManageUserWorkflow.Name, work, kind == UserChangeKind.Remove ? "remove"u8.ToArray() : call.ChangeOf("password"))
        {
            IsPoll = call.IsPoll,
        };
        return await phases.StartOrPollAsync(
            operation,
            call.Workflows,
            async workflow => kind switch
            {
                UserChangeKind.Remove => Results.NoContent(),
                UserChangeKind.Provision => Represent(workflow.ReadOutputAs<UserRecord>() ?? user, await TakeGeneratedPasswordAsync(call.InstanceId, user.ApsId, cancellationToken)),
                _ => Represent(workflow.ReadOutputAs<UserRecord>() ?? user),
            },
            beforeStart,
            cancellationToken);
    }

    /// <summary>
    /// The body completed from the linked Commerce service user: names and login from it where the body has none; the
    /// login's domain when it is a verified domain of the tenant. Answers a problem when the link names no service user.
    /// </summary>
    private async Task<(UserBody Body, ApsErrorDetail? Problem)> WithServiceUserAsync(ApsCall call, UserBody body, TenantRecord? tenant, CancellationToken cancellationToken)
    {
        if (call.LinkId("user") is not { } serviceUserId)
        {
            return (body, null);
        }

        ServiceUser? serviceUser;
        try
        {
            serviceUser = await commerce.ReadServiceUserAsync(call.InstanceId, serviceUserId, cancellationToken);
        }
        catch (ApsControllerException refused)
        {
            return (body, new("ControllerError", "user", $"{refused.Message} The user's names and login are read from its Commerce service user."));
        }

        if (serviceUser is null)
        {
            return (body, new("UnknownServiceUser", "user", $"The controller has no service user {Echo.Bounded(serviceUserId, Limits.MaxEchoedLength)}; the 'user' link must name one of the customer's service users."));
        }

        var login = serviceUser.Login ?? serviceUser.Email;
        var at = login?.LastIndexOf('@') ?? -1;
        var domain = at > 0 ? login![(at + 1)..] : null;
        if (domain is not null && tenant is not null && !await IsVerifiedDomainAsync(call.InstanceId, tenant, domain, cancellationToken))
        {
            domain = null;
        }

        var fullName = $"{serviceUser.GivenName} {serviceUser.FamilyName}".Trim();
        return (body with
        {
            Login = body.Login ?? (at > 0 ? login![..at] : login),
            Domain = body.Domain ?? (body.Login is null ? domain : null),
            FirstName = body.FirstName ?? serviceUser.GivenName,
            LastName = body.LastName ?? serviceUser.FamilyName,
            DisplayName = body.DisplayName ?? serviceUser.DisplayName ?? (fullName.Length > 0 ? fullName : null),
        }, null);
    }

    private async Task<bool> IsVerifiedDomainAsync(string instanceId, TenantRecord tenant, string domain, CancellationToken cancellationToken) =>
        (await (await Records.GetAsync(cancellationToken)).ListAsync<DomainRecord>(RecordKey.TenantPartition(instanceId, tenant.ApsId), cancellationToken))
            .Any(d => string.Equals(d.Record.Name, domain, StringComparison.OrdinalIgnoreCase) && d.Record.Status == DomainStatus.Verified);

    /// <summary>The password the gateway made for the user, once: it is deleted as it is answered.</summary>
    private async Task<string?> TakeGeneratedPasswordAsync(string instanceId, string userApsId, CancellationToken cancellationToken)
    {
        var name = InstanceSecretNames.GeneratedUserPassword(instanceId, userApsId);
        var password = (await secrets.GetAsync(name, cancellationToken))?.Reveal();
        if (password is not null)
        {
            await secrets.DeleteAsync(name, cancellationToken);
        }

        return password;
    }

    /// <summary>The rules of aps-services.md and of Microsoft: every problem, each naming its field.</summary>
    private async Task<List<ApsErrorDetail>> CheckAsync(ApsCall call, UserBody body, TenantRecord? tenant, string userApsId, CancellationToken cancellationToken)
    {
        var problems = new List<ApsErrorDetail>();
        if (body.Login is { } login && !ApsFieldRules.IsLogin(login))
        {
            problems.Add(new("InvalidValue", "login", "'login' must be the local part of a sign-in name: letters, digits and . _ - + ' characters, at most 64."));
        }

        if (body.Domain is { } domain && !ApsFieldRules.IsDomainName(domain))
        {
            problems.Add(new("InvalidValue", "domain", "'domain' must be a domain name of the tenant, such as contoso.com."));
        }

        if (body.UsageLocation is { } location && !ApsFieldRules.IsCountry(location))
        {
            problems.Add(new("InvalidValue", "usageLocation", "'usageLocation' must be an ISO 3166-1 alpha-2 code such as US."));
        }

        if (body.Password is { Length: > 256 })
        {
            problems.Add(new("InvalidValue", "password", "'password' must be at most 256 characters."));
        }

        var licenses = body.Licenses ?? [];
        if (licenses.Count > 0)
        {
            var resolver = new PurchasePlanResolver(await catalogs.LoadAsync(call.InstanceId, cancellationToken));
            problems.AddRange(resolver.ValidateUserLicenses(licenses).Select(e =>
                new ApsErrorDetail(e.Code.ToString(), $"licenses.{Echo.Bounded(e.ProvisioningId, Limits.MaxEchoedLength)}", e.Message)));
        }

        if (TenantProblem(call, tenant, needsSeats: true) is { } tenantProblem)
        {
            problems.Add(tenantProblem);
            return problems;
        }

        var store = await Records.GetAsync(cancellationToken);
        var partition = RecordKey.TenantPartition(call.InstanceId, tenant!.ApsId);
        var users = (await store.ListAsync<UserRecord>(partition, cancellationToken)).Select(r => r.Record).Where(u => u.ApsId != userApsId).ToList();
        foreach (var license in licenses.Where(id => problems.All(p => p.Field != $"licenses.{id}")))
        {
            if (tenant.Subscriptions.FirstOrDefault(s => string.Equals(s.ProvisioningId, license, StringComparison.OrdinalIgnoreCase)) is not { } subscription)
            {
                problems.Add(new("LicenseNotInTenant", $"licenses.{Echo.Bounded(license, Limits.MaxEchoedLength)}",
                    $"The tenant has no subscription of '{Echo.Bounded(license, Limits.MaxEchoedLength)}'. Add it to the tenant's licenses first."));
            }
            else if (users.Count(u => u.Licenses.Contains(license, StringComparer.OrdinalIgnoreCase)) >= subscription.Quantity)
            {
                problems.Add(new("SeatsExhausted", $"licenses.{Echo.Bounded(license, Limits.MaxEchoedLength)}",
                    $"All {subscription.Quantity} seats of '{Echo.Bounded(license, Limits.MaxEchoedLength)}' are assigned. Raise the tenant's limit for it, or take it from another user first."));
            }
        }

        if (body.Login is not null && ApsFieldRules.IsLogin(body.Login))
        {
            var upn = Upn(body, tenant);
            if (users.Any(u => string.Equals(u.UserPrincipalName, upn, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new("LoginTaken", "login", $"{Echo.Bounded(upn, Limits.MaxEchoedLength)} already belongs to another user of the tenant; choose another login."));
            }

            if (body.Domain is { } own && !string.Equals(own, tenant.InitialDomain, StringComparison.OrdinalIgnoreCase)
                && !await IsVerifiedDomainAsync(call.InstanceId, tenant, own, cancellationToken))
            {
                problems.Add(new("DomainNotVerified", "domain",
                    $"'{Echo.Bounded(own, Limits.MaxEchoedLength)}' is not a verified domain of the tenant. Add and verify it (domains service), or leave 'domain' out for {tenant.InitialDomain}."));
            }
        }

        return problems;
    }

    private static string Upn(UserBody body, TenantRecord tenant) => $"{body.Login}@{body.Domain ?? tenant.InitialDomain}".ToLowerInvariant();

    private Task<StoredRecord<UserRecord>?> FindAsync(ApsCall call, CancellationToken cancellationToken) =>
        FindAsync<UserRecord>(call, (tenant, user) => RecordKey.User(call.InstanceId, tenant, user), cancellationToken);

    private IResult Represent(UserRecord user, string? initialPassword = null)
    {
        var at = user.UserPrincipalName.LastIndexOf('@');
        return ApsRepresentation.Ok(Type, user.ApsId, new
        {
            InitialPassword = initialPassword,
            Login = user.UserPrincipalName[..at],
            Domain = user.UserPrincipalName[(at + 1)..],
            user.DisplayName,
            user.UsageLocation,
            user.Licenses,
            user.UserId,
            user.UserPrincipalName,
        });
    }
}
