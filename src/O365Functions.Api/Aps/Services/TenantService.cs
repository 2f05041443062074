using System.Text.Json;
using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Http;
using O365Functions.Core.Catalog;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// <c>tenants</c>: every synchronous check of a tenant order (the organization, the country, the reseller, the plan
/// against the instance's catalog) answered at once with the field and what to do. The workflows that buy the tenant
/// arrive with the provisioning release; until then a valid order is answered 501 and nothing is started.
/// </summary>
public sealed class TenantService(InstanceCatalogs catalogs, GatewayRecords records, GatewayLimits limits) : ApsService
{
    /// <inheritdoc />
    public override ApsType Type => ApsPackage.Tenants;

    /// <inheritdoc />
    public override async Task<IResult> ProvisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!ApsFieldRules.IsUuid(call.ResourceId))
        {
            return ApsResults.BadRequest("InvalidApsId", "aps.id must be the new tenant's UUID, as the controller assigns it.");
        }

        var problems = await CheckAsync(call, cancellationToken);
        return problems.Count > 0 ? ApsResults.Problems("InvalidTenant", problems, limits) : NotYetAvailable.For("tenant provisioning");
    }

    /// <inheritdoc />
    public override async Task<IResult> RetrieveAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var tenant = await FindAsync(call, cancellationToken);
        return tenant is null
            ? NotFound(call)
            : ApsRepresentation.Ok(Type, tenant.ApsId, new
            {
                tenant.CompanyName,
                tenant.Country,
                TenantId = tenant.MicrosoftTenantId,
                tenant.InitialDomain,
                tenant.Subscriptions,
                StatusMessage = tenant.Status,
            });
    }

    /// <inheritdoc />
    public override async Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await FindAsync(call, cancellationToken) is null)
        {
            return NotFound(call);
        }

        var problems = await CheckAsync(call, cancellationToken);
        return problems.Count > 0 ? ApsResults.Problems("InvalidTenant", problems, limits) : NotYetAvailable.For("changing a tenant's subscriptions");
    }

    /// <summary>A tenant the gateway has no record of has nothing to remove.</summary>
    public override async Task<IResult> UnprovisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await FindAsync(call, cancellationToken) is null ? Results.NoContent() : NotYetAvailable.For("unprovisioning a tenant");
    }

    /// <inheritdoc />
    public override async Task<IResult> OperationAsync(ApsCall call, ApsOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(operation);
        return await FindAsync(call, cancellationToken) is null ? NotFound(call) : NotYetAvailable.For($"tenants/{operation.Path}");
    }

    private async Task<List<ApsErrorDetail>> CheckAsync(ApsCall call, CancellationToken cancellationToken)
    {
        var body = call.Body.Deserialize<TenantBody>(GatewayJson.Options)!;
        var instance = call.RequiredInstance.Record;
        var problems = new List<ApsErrorDetail>();
        switch (body.DomainPrefix, body.ExistingTenantDomain)
        {
            case (null, null):
            case (not null, not null):
                problems.Add(new("InvalidValue", "domainPrefix",
                    "Send exactly one of 'domainPrefix' (a new organization) and 'existingTenantDomain' (link an existing one)."));
                break;
            case (string prefix, null) when !ApsFieldRules.IsDomainPrefix(prefix):
                problems.Add(new("InvalidValue", "domainPrefix",
                    $"'domainPrefix' '{Echo.Bounded(prefix, limits.MaxEchoedLength)}' must be 1 to 27 letters and digits; it becomes <prefix>.onmicrosoft.com."));
                break;
            case (null, string domain) when !ApsFieldRules.IsDomainName(domain):
                problems.Add(new("InvalidValue", "existingTenantDomain", "'existingTenantDomain' must be a domain name such as contoso.onmicrosoft.com."));
                break;
        }

        if (body.CompanyName is { Length: 0 or > 256 })
        {
            problems.Add(new("InvalidValue", "companyName", "'companyName' must be 1 to 256 characters."));
        }

        var country = body.Country ?? instance.DefaultCountry;
        if (!ApsFieldRules.IsCountry(country))
        {
            problems.Add(new("InvalidValue", "country", "'country' must be an ISO 3166-1 alpha-2 code such as US."));
        }
        else if (!instance.CatalogCountries.Contains(country, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new("UnsupportedCountry", "country",
                $"'{country.ToUpperInvariant()}' is not one of this instance's catalog countries ({string.Join(", ", instance.CatalogCountries)}). Add it to the instance's catalogCountries or choose one of them."));
        }

        if (body.Contact?.Email is { } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            problems.Add(new("InvalidValue", "contact.email", "'contact.email' must be an email address."));
        }

        switch (instance.CspModel, body.ResellerMpnId)
        {
            case ("indirect", null):
                problems.Add(new("MissingProperty", "resellerMpnId",
                    "This instance sells through indirect resellers: send the reseller's MPN ID in 'resellerMpnId', which Microsoft records as partner of record."));
                break;
            case ("indirect", string mpn) when !ApsFieldRules.IsMpnId(mpn):
                problems.Add(new("InvalidValue", "resellerMpnId", "'resellerMpnId' must be the reseller's MPN ID: 4 to 12 digits."));
                break;
            case (not "indirect", not null):
                problems.Add(new("InvalidValue", "resellerMpnId", "'resellerMpnId' applies to indirect instances only; remove it."));
                break;
        }

        var requests = (body.Licenses ?? new Dictionary<string, LimitBody?>())
            .Where(pair => pair.Value?.Limit is > 0)
            .Select(pair => new OfferRequest(pair.Key, (int)Math.Min(pair.Value!.Limit!.Value, int.MaxValue)))
            .ToList();
        if (requests.Count > 0)
        {
            var resolved = new PurchasePlanResolver(await catalogs.LoadAsync(call.InstanceId, cancellationToken)).Resolve(requests);
            problems.AddRange(resolved.Errors.Select(e =>
                new ApsErrorDetail(e.Code.ToString(), $"licenses.{Echo.Bounded(e.ProvisioningId, limits.MaxEchoedLength)}", e.Message) { Offers = e.Offers.Count > 0 ? e.Offers : null }));
        }

        return problems;
    }

    private async Task<TenantRecord?> FindAsync(ApsCall call, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken);
        return (await store.GetAsync<TenantRecord>(RecordKey.Tenant(call.InstanceId, call.Route.ResourceId ?? call.ResourceId), cancellationToken))?.Record;
    }

    private IResult NotFound(ApsCall call) => ApsResults.Error(StatusCodes.Status404NotFound, "NotFound",
        $"This instance has no tenant {Echo.Bounded(call.Route.ResourceId, limits.MaxEchoedLength)}.");
}
