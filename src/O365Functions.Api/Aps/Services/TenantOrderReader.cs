using System.Text.Json;
using Microsoft.Extensions.Logging;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Http;
using O365Functions.Core.Callbacks;
using O365Functions.Core.Catalog;
using O365Functions.Core.Provisioning;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Services;

/// <summary>What <see cref="TenantOrderReader"/> read: the order, or every problem with it.</summary>
/// <param name="Order">The order, when there are no problems.</param>
/// <param name="Problems">Each problem with its field and what to do.</param>
/// <param name="LicensePaths">Each license type's upgrade targets and trial offer, for a configure to upgrade or convert.</param>
public sealed record TenantOrderReading(TenantOrder? Order, IReadOnlyList<ApsErrorDetail> Problems, IReadOnlyDictionary<string, LicensePaths> LicensePaths);

/// <summary>
/// Reads a <c>tenants</c> body the way CloudBlue Commerce sends it into a <see cref="TenantOrder"/>. The seats are the
/// limits of the customer's subscription, read from the controller now (so the catalog checks run on them before the
/// request is answered); the company, address and contacts are the linked account's, overridden by the tenant's own
/// properties; a missing domain prefix is made from the company name. Every synchronous rule is checked at once and
/// each problem named with its field and what to do; the plan is resolved here, so a workflow never reads the catalog.
/// </summary>
public sealed partial class TenantOrderReader(
    InstanceCatalogs catalogs, CommerceController commerce, GatewayRecords records, IIndirectResellers resellers, GatewayLimits limits, ILogger<TenantOrderReader> logger)
{
    /// <summary>
    /// The order, or every problem with it. For an <paramref name="existing"/> tenant only the plan is read: its
    /// organization stays as it was bought, and its subscription is the one recorded at provisioning.
    /// </summary>
    public async Task<TenantOrderReading> ReadAsync(ApsCall call, string tenantApsId, TenantRecord? existing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var body = call.Body.Deserialize<TenantBody>(GatewayJson.Options)!;
        var instance = call.RequiredInstance.Record;
        var problems = new List<ApsErrorDetail>();
        var subscriptionId = existing?.SubscriptionApsId ?? SubscriptionLink(call);
        var accountId = existing?.AccountApsId ?? call.LinkId("account");
        if (subscriptionId is null || !ApsFieldRules.IsUuid(subscriptionId))
        {
            problems.Add(new("MissingLink", "subscription",
                "The tenant must name the customer's Commerce subscription (aps.subscription, or the 'subscription' link {\"aps\": {\"id\": \"<uuid>\"}}): its limits are the seats to buy."));
            return new(null, problems, new Dictionary<string, LicensePaths>());
        }

        CommerceAccount? account = null;
        SeatPlan seats;
        var types = (await catalogs.ListAsync(call.InstanceId, cancellationToken).ConfigureAwait(false)).Select(r => r.Record).ToList();
        try
        {
            if (existing is null && accountId is not null)
            {
                account = await commerce.ReadAccountAsync(call.InstanceId, accountId, cancellationToken).ConfigureAwait(false);
                if (account is null)
                {
                    problems.Add(new("UnknownAccount", "account", $"The controller has no account {Echo.Bounded(accountId, limits.MaxEchoedLength)}; the 'account' link must name the customer's account."));
                }
            }

            var read = await commerce.ReadLimitsAsync(call.InstanceId, subscriptionId, SeatPlanner.TypeApsIds(types), cancellationToken).ConfigureAwait(false);
            var users = existing is null ? [] : (await (await records.GetAsync(cancellationToken).ConfigureAwait(false))
                .ListAsync<UserRecord>(RecordKey.TenantPartition(call.InstanceId, tenantApsId), cancellationToken).ConfigureAwait(false)).Select(u => u.Record).ToList();
            var trials = (body.TrialLicenses ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
            seats = SeatPlanner.Plan(types, read, trials, instance.BillingCycle, users, newOrder: existing is null);
        }
        catch (ApsControllerException refused)
        {
            problems.Add(new("ControllerError", "subscription", $"{refused.Message} The seats and the customer's data are read from Commerce; nothing was changed."));
            return new(null, problems, new Dictionary<string, LicensePaths>());
        }

        problems.AddRange(seats.Problems.Select(p => new ApsErrorDetail(p.Code, Echo.Bounded(p.Field, limits.MaxEchoedLength), p.Message) { Offers = p.Offers }));
        var company = body.CompanyName ?? account?.CompanyName;
        var country = (body.Country ?? account?.Address?.CountryCode ?? instance.DefaultCountry).ToUpperInvariant();
        var contact = body.Contact is { } c ? new TenantContact(c.FirstName, c.LastName, c.Email, c.Phone)
            : account?.PrimaryContact is { } person ? new TenantContact(person.GivenName, person.FamilyName, person.Email, person.Phone) : null;
        var address = body.Address is { } a ? new PostalAddress(a.AddressLine1, a.AddressLine2, a.City, a.State, a.PostalCode)
            : account?.Address is { } postal ? new PostalAddress(postal.StreetAddress, postal.ExtendedAddress, postal.Locality, postal.Region, postal.PostalCode) : null;
        var prefix = body.DomainPrefix ?? (body.ExistingTenantDomain is null && company is not null ? DomainPrefixes.FromCompanyName(company) : null);
        if (existing is null)
        {
            // A change keeps the organization, its country and its reseller: only the plan is read.
            CheckOrganization(prefix, body.ExistingTenantDomain, company, problems);
            CheckCountry(country, instance.CatalogCountries, problems);
            CheckContact(contact, address, newOrganization: body.ExistingTenantDomain is null, problems);
            CheckReseller(instance.CspModel, body.ResellerMpnId, problems);
            if (body.ResellerMpnId is { } mpnId && problems.All(p => p.Field != "resellerMpnId"))
            {
                await CheckResellerIsKnownAsync(call.InstanceId, mpnId, problems, cancellationToken).ConfigureAwait(false);
            }
        }

        if (problems.Count > 0)
        {
            return new(null, problems, seats.LicensePaths);
        }

        var origin = new CommerceOrigin(accountId, subscriptionId, seats.Limits, DerivedPrefix: body.DomainPrefix is null && prefix is not null, account?.BillingContact?.Email);
        var order = new TenantOrder(call.InstanceId, tenantApsId, prefix?.ToLowerInvariant(), body.ExistingTenantDomain?.ToLowerInvariant(), company ?? existing?.CompanyName ?? string.Empty,
            country, address, contact, body.Culture, body.Language, body.ResellerMpnId, seats.Plan, origin);
        return new(order, problems, seats.LicensePaths);
    }

    /// <summary>The subscription as Commerce names it: <c>aps.subscription</c>, or the <c>subscription</c> link.</summary>
    private static string? SubscriptionLink(ApsCall call) =>
        (call.Body["aps"] as System.Text.Json.Nodes.JsonObject)?["subscription"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var id) ? id : call.LinkId("subscription");

    private void CheckOrganization(string? prefix, string? existingDomain, string? company, List<ApsErrorDetail> problems)
    {
        switch (prefix, existingDomain)
        {
            case (null, null):
            case (not null, not null):
                problems.Add(new("InvalidValue", "domainPrefix",
                    "Send at most one of 'domainPrefix' (a new organization; made from the company name when absent) and 'existingTenantDomain' (link an existing one)."));
                break;
            case (string chosen, null) when !ApsFieldRules.IsDomainPrefix(chosen):
                problems.Add(new("InvalidValue", "domainPrefix",
                    $"'domainPrefix' '{Echo.Bounded(chosen, limits.MaxEchoedLength)}' must be 1 to 27 letters and digits; it becomes <prefix>.onmicrosoft.com."));
                break;
            case (null, string domain) when !ApsFieldRules.IsDomainName(domain):
                problems.Add(new("InvalidValue", "existingTenantDomain", "'existingTenantDomain' must be a domain name such as contoso.onmicrosoft.com."));
                break;
        }

        if (company is null)
        {
            problems.Add(new("MissingProperty", "companyName", "The customer's company name is needed: set 'companyName' on the tenant or the company name of the linked account."));
        }
        else if (company is { Length: 0 or > 256 })
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
                $"'{country}' is not one of this instance's catalog countries ({string.Join(", ", catalogCountries)}). Add it to the instance's catalogCountries or choose one of them."));
        }
    }

    /// <summary>Microsoft needs a named person with an email to attest the Microsoft Customer Agreement, and a new organization's billing address.</summary>
    private static void CheckContact(TenantContact? contact, PostalAddress? address, bool newOrganization, List<ApsErrorDetail> problems)
    {
        foreach (var (field, value) in new[] { ("contact.firstName", contact?.FirstName), ("contact.lastName", contact?.LastName), ("contact.email", contact?.Email) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new("MissingProperty", field,
                    $"'{field}' is required: Microsoft records who accepted the Microsoft Customer Agreement for the customer. Set it on the tenant, or give the linked account an admin or technical contact."));
            }
        }

        if (contact?.Email is { } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            problems.Add(new("InvalidValue", "contact.email", "'contact.email' must be an email address."));
        }

        if (!newOrganization)
        {
            return;
        }

        foreach (var (field, value) in new[] { ("address.addressLine1", address?.AddressLine1), ("address.city", address?.City), ("address.postalCode", address?.PostalCode) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new("MissingProperty", field,
                    $"'{field}' is required: Partner Center creates a new organization only with a valid billing address. Set it on the tenant or on the linked account's postal address."));
            }
        }
    }

    /// <summary>
    /// Looks the reseller up among the partner's indirect resellers, so an unknown one is refused before a customer is
    /// created for it; when the list cannot be read the order goes on and the purchase is where Microsoft checks it.
    /// </summary>
    private async Task CheckResellerIsKnownAsync(string instanceId, string mpnId, List<ApsErrorDetail> problems, CancellationToken cancellationToken)
    {
        var standing = await resellers.StandingOfAsync(instanceId, mpnId, cancellationToken).ConfigureAwait(false);
        switch (standing.Known)
        {
            case false:
                problems.Add(new("UnknownReseller", "resellerMpnId",
                    $"MPN ID {mpnId} is not one of the partner's active indirect resellers in Partner Center (it lists {standing.Listed}). Correct resellerMpnId, or have the reseller accept the partner's indirect reseller invitation first; nothing was created."));
                break;
            case null:
                LogResellersUnread(logger, instanceId, standing.Problem);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The indirect resellers of instance {InstanceId} could not be read ({Problem}); the order goes on and Microsoft checks the reseller at purchase.")]
    private static partial void LogResellersUnread(ILogger logger, string instanceId, string? problem);

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
