using System.Text.Json;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Http;
using O365Functions.Core.Catalog;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Services;

/// <summary><c>users</c>: a user's sign-in name, usage location and licenses, checked against the instance's catalog.</summary>
public sealed class UserService(InstanceCatalogs catalogs, GatewayRecords records, GatewayLimits limits) : TenantResourceService(records, limits)
{
    /// <inheritdoc />
    public override ApsType Type => ApsPackage.Users;

    /// <inheritdoc />
    protected override string Work => "managing users";

    /// <inheritdoc />
    protected override async Task<List<ApsErrorDetail>> CheckAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var body = call.Body.Deserialize<UserBody>(GatewayJson.Options)!;
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

        if (body.Licenses is { Count: > 0 } licenses)
        {
            var resolver = new PurchasePlanResolver(await catalogs.LoadAsync(call.InstanceId, cancellationToken));
            problems.AddRange(resolver.ValidateUserLicenses(licenses).Select(e =>
                new ApsErrorDetail(e.Code.ToString(), $"licenses.{Echo.Bounded(e.ProvisioningId, Limits.MaxEchoedLength)}", e.Message)));
        }

        return problems;
    }
}
