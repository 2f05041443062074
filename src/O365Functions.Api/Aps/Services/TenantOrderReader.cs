using System.Text.Json;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Http;
using O365Functions.Core.Catalog;
using O365Functions.Core.Provisioning;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// Reads a <c>tenants</c> body into a <see cref="TenantOrder"/>: every synchronous rule (the organization, the country,
/// the contact and address Microsoft needs, the reseller, the plan against the instance's catalog) is checked at once
/// and each problem named with its field and what to do. The plan is resolved here, so a workflow never reads the
/// catalog again.
/// </summary>
public sealed class TenantOrderReader(InstanceCatalogs catalogs, GatewayLimits limits)
{
    /// <summary>
    /// The order, or every problem with it, and each license type's upgrade targets and trial offer (read from the same
    /// catalog, for a configure to upgrade or convert instead of ending and buying again). For an
    /// <paramref name="existing"/> tenant only the plan is read: its organization stays as it was bought.
    /// </summary>
    public async Task<(TenantOrder? Order, List<ApsErrorDetail> Problems, IReadOnlyDictionary<string, LicensePaths> LicensePaths)> ReadAsync(ApsCall call, string tenantApsId, bool existing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var body = call.Body.Deserialize<TenantBody>(GatewayJson.Options)!;
        var instance = call.RequiredInstance.Record;
        var problems = new List<ApsErrorDetail>();
        var country = body.Country ?? instance.DefaultCountry;
        if (!existing)
        {
            // A change keeps the organization, its country and its reseller: only the plan is read.
            CheckOrganization(body, problems);
            CheckCountry(country, instance.CatalogCountries, problems);
            CheckContact(body, problems);
            CheckReseller(instance.CspModel, body.ResellerMpnId, problems);
        }

        var requests = (body.Licenses ?? new Dictionary<string, LimitBody?>())
            .Where(pair => pair.Value?.Limit is > 0)
            .Select(pair => new OfferRequest(pair.Key, (int)Math.Min(pair.Value!.Limit!.Value, int.MaxValue)))
            .ToList();
        var types = (await catalogs.ListAsync(call.InstanceId, cancellationToken).ConfigureAwait(false)).Select(r => r.Record).ToList();
        var resolved = new PurchasePlanResolver(new OfferCatalog(types.Select(InstanceCatalogs.ToOfferType))).Resolve(requests);
        problems.AddRange(resolved.Errors.Select(e =>
            new ApsErrorDetail(e.Code.ToString(), $"licenses.{Echo.Bounded(e.ProvisioningId, limits.MaxEchoedLength)}", e.Message) { Offers = e.Offers.Count > 0 ? e.Offers : null }));
        if (problems.Count > 0)
        {
            return (null, problems, PathsOf(types));
        }

        foreach (var gone in requests.Where(_ => !existing).Select(r => types.FirstOrDefault(t => string.Equals(t.ProvisioningId, r.ProvisioningId, StringComparison.OrdinalIgnoreCase))).Where(t => t?.Withdrawn == true))
        {
            problems.Add(new("OfferWithdrawn", $"licenses.{Echo.Bounded(gone!.ProvisioningId, limits.MaxEchoedLength)}",
                $"Microsoft no longer sells '{gone.Name}' ({gone.OfferId}); remove it from the order, or replace the type's offerId with the offer that succeeds it."));
        }

        var trials = (body.Licenses ?? new Dictionary<string, LimitBody?>()).Where(pair => pair.Value?.Trial == true).Select(pair => pair.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var id in trials.Where(id => types.FirstOrDefault(t => string.Equals(t.ProvisioningId, id, StringComparison.OrdinalIgnoreCase))?.TrialOfferId is null))
        {
            problems.Add(new("NoTrial", $"licenses.{Echo.Bounded(id, limits.MaxEchoedLength)}",
                $"'{Echo.Bounded(id, limits.MaxEchoedLength)}' has no trial offer: only a license type with a trialOfferId can be ordered as a trial. Remove 'trial' or set the type's trialOfferId."));
        }

        if (problems.Count > 0)
        {
            return (null, problems, PathsOf(types));
        }

        var plan = resolved.Plan!.Purchases.Select(purchase =>
        {
            var type = types.First(t => string.Equals(t.ProvisioningId, purchase.Offer.ProvisioningId, StringComparison.OrdinalIgnoreCase));
            var trial = trials.Contains(type.ProvisioningId);
            return new PlannedSubscription(type.ProvisioningId, trial ? type.TrialOfferId! : type.OfferId, purchase.Quantity, purchase.ParentProvisioningId, purchase.Depth,
                type.TermDuration, type.BillingCycle ?? instance.BillingCycle, trial);
        }).ToList();
        var contact = body.Contact is { } c ? new TenantContact(c.FirstName, c.LastName, c.Email, c.Phone) : null;
        var address = body.Address is { } a ? new PostalAddress(a.AddressLine1, a.AddressLine2, a.City, a.State, a.PostalCode) : null;
        return (new TenantOrder(call.InstanceId, tenantApsId, body.DomainPrefix?.ToLowerInvariant(), body.ExistingTenantDomain?.ToLowerInvariant(), body.CompanyName ?? string.Empty,
            country.ToUpperInvariant(), address, contact, body.Culture, body.Language, body.ResellerMpnId, plan), problems, PathsOf(types));
    }

    private static Dictionary<string, LicensePaths> PathsOf(IEnumerable<Core.State.Records.OfferTypeRecord> types) =>
        types
            .Where(t => t.Kind == InstanceCatalogs.LicenseKind && (t.PossibleUpgrades.Count > 0 || t.TrialOfferId is not null))
            .GroupBy(t => t.ProvisioningId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new LicensePaths(g.First().PossibleUpgrades, g.First().TrialOfferId), StringComparer.OrdinalIgnoreCase);

    private void CheckOrganization(TenantBody body, List<ApsErrorDetail> problems)
    {
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
    }

    private static void CheckCountry(string country, IReadOnlyList<string> catalogCountries, List<ApsErrorDetail> problems)
    {
        if (!ApsFieldRules.IsCountry(country))
        {
            problems.Add(new("InvalidValue", "country", "'country' must be an ISO 3166-1 alpha-2 code such as US."));
        }
        else if (!catalogCountries.Contains(country, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new("UnsupportedCountry", "country",
                $"'{country.ToUpperInvariant()}' is not one of this instance's catalog countries ({string.Join(", ", catalogCountries)}). Add it to the instance's catalogCountries or choose one of them."));
        }
    }

    /// <summary>Microsoft needs a named person with an email to attest the Microsoft Customer Agreement, and a new organization's billing address.</summary>
    private static void CheckContact(TenantBody body, List<ApsErrorDetail> problems)
    {
        var contact = body.Contact;
        foreach (var (field, value) in new[] { ("contact.firstName", contact?.FirstName), ("contact.lastName", contact?.LastName), ("contact.email", contact?.Email) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new("MissingProperty", field, $"'{field}' is required: Microsoft records who accepted the Microsoft Customer Agreement for the customer."));
            }
        }

        if (contact?.Email is { } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            problems.Add(new("InvalidValue", "contact.email", "'contact.email' must be an email address."));
        }

        if (body.DomainPrefix is null)
        {
            return;
        }

        foreach (var (field, value) in new[] { ("address.addressLine1", body.Address?.AddressLine1), ("address.city", body.Address?.City), ("address.postalCode", body.Address?.PostalCode) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new("MissingProperty", field, $"'{field}' is required: Partner Center creates a new organization only with a valid billing address."));
            }
        }
    }

    private static void CheckReseller(string cspModel, string? resellerMpnId, List<ApsErrorDetail> problems)
    {
        switch (cspModel, resellerMpnId)
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
    }
}
