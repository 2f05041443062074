using O365Functions.Core.Callbacks;
using static O365Functions.Api.Aps.Package.ApsPropertyKind;

namespace O365Functions.Api.Aps.Package;

/// <summary>
/// The gateway's APS contract as data: every type, property, relation and custom operation the package a provider
/// imports declares. The handlers accept and return exactly these (a body naming anything else is refused), and the
/// package's schemas are written from this one definition, so package and handlers cannot drift apart.
/// </summary>
public static class ApsPackage
{
    /// <summary>The namespace of the package's type ids.</summary>
    public const string TypeNamespace = "http://o365functions.local/aps";

    /// <summary>The version part of every type id.</summary>
    public const string TypeVersion = "1.0";

    /// <summary>The package's application id.</summary>
    public const string ApplicationId = "http://o365functions.local/aps";

    /// <summary>The package version (APS <c>version-release</c>).</summary>
    public const string Version = "1.1";

    /// <summary>The package release.</summary>
    public const string Release = "1";

    /// <summary>When this release was packaged (APP-META's <c>packaged</c>), fixed so the same package has the same bytes.</summary>
    public static DateTimeOffset Packaged { get; } = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The vendor and packager's name. UNCERTAIN: the provider may rebrand; one place to change.</summary>
    public const string VendorName = "O365Functions";

    /// <summary>The application's, vendor's and packager's home page. UNCERTAIN: the project has no public site yet.</summary>
    public const string Homepage = "http://o365functions.local/";

    /// <summary>
    /// Which installed releases CloudBlue Commerce may upgrade to this one (<c>&lt;upgrade match="..."/&gt;</c>): every
    /// release from 1.0 on, whose instances the upgrade operation brings to this release's records.
    /// </summary>
    public const string UpgradableFrom = "version=ge=1.0";

    /// <summary>What each release changed, newest first, for APP-META's changelog.</summary>
    public static IReadOnlyList<(string Version, string Release, string Text)> Changelog { get; } =
    [
        ("1.1", "1", "CloudBlue Commerce's contract: tenants are the customer's subscription service, seats come from the subscription's limits and its limits-changed event, company data from the account, users from service users; notifications tell the customer what to do; secrets are encrypted; APP-LIST.xml, icon and license agreement."),
        ("1.0", "1", "First release: instances, license and add-on types, tenants, users and domains against Partner Center and Microsoft Graph."),
    ];

    /// <summary>The <c>version-release</c> of every earlier release an instance can be upgraded from by the <c>upgrade</c> operation.</summary>
    public static IReadOnlyList<string> UpgradableReleases { get; } = ["1.0-1"];

    /// <summary>The package's icon, relative to its root.</summary>
    public const string IconPath = "images/icon.png";

    /// <summary>The license agreement's text file, relative to the package's root.</summary>
    public const string LicensePath = "licenses/license.txt";

    /// <summary>The license agreement a provider accepts on import. UNCERTAIN: the provider's own terms replace it.</summary>
    public const string LicenseText =
        "O365Functions, a Microsoft 365 CSP provisioning gateway.\n\n" +
        "The provider that imports this package runs the gateway and is responsible for its use with Microsoft Partner Center " +
        "under the provider's own agreements with Microsoft and with its customers. The software is provided as is, without " +
        "warranty of any kind.\n";

    /// <summary>The root service, through which APSC installs an application instance.</summary>
    public const string AppService = "app";

    private static readonly string[] Clouds = ["global", "china", "usgov"];
    private static readonly string[] BillingCycles = ["monthly", "annual"];
    private static readonly string[] TermDurations = ["P1M", "P1Y", "P3Y"];

    /// <summary>The <c>app</c> type: one application instance's global settings.</summary>
    public static ApsType App { get; } = new(
        AppService,
        "Microsoft 365 CSP gateway instance",
        [
            new("cloud", Text, "The Microsoft cloud: global, china (21Vianet) or usgov.") { Required = true, Values = Clouds },
            new("partnerTenantId", Text, "The partner's Microsoft Entra tenant id.") { Required = true },
            new("applicationId", Text, "The application (client) id of the partner's app registration.") { Required = true },
            new("applicationSecret", Text, "The app registration's client secret; stored as a secret, never returned.") { Access = ApsAccess.WriteOnly, Required = true },
            new("accountMode", Text, "production, or sandbox for Partner Center's integration sandbox.") { Values = ["production", "sandbox"] },
            new("cspModel", Text, "direct, or indirect (orders carry the tenant's resellerMpnId as partner of record).") { Values = ["direct", "indirect"] },
            new("defaultCountry", Text, "The ISO 3166-1 alpha-2 country for tenants that name none.") { Required = true },
            new("catalogCountries", TextList, "The ISO-2 countries the offer catalog is read for."),
            new("catalogLanguage", Text, "The catalog's language, such as en-US."),
            new("productNames", Text, "keep, or continuous to rename license types after Microsoft's names.") { Values = ["keep", "continuous"] },
            new("billingCycle", Text, "The default billing cycle of new-commerce purchases.") { Values = BillingCycles },
            new("adminAccessGroupId", Text, "The partner's security group given admin roles (GDAP) in linked customer tenants; none requests no admin access."),
            new("endpoints", Structure, "Custom Microsoft base URLs (scheme://host[:port]); honoured only where the gateway allows custom endpoints.")
            {
                Nested =
                [
                    new("partnerCenter", Text, "Replaces https://api.partnercenter.microsoft.com."),
                    new("login", Text, "Replaces https://login.microsoftonline.com."),
                    new("graph", Text, "Replaces https://graph.microsoft.com."),
                ],
            },
            new("authenticationStatus", Text, "notAuthenticated, authenticated or consentRequired.") { Access = ApsAccess.ReadOnly, Values = ["notAuthenticated", "authenticated", "consentRequired"] },
            new("authenticationMessage", Text, "Why the authentication status is what it is, and what to do.") { Access = ApsAccess.ReadOnly },
            new("authenticationUrl", Text, "Where the partner's admin gives consent.") { Access = ApsAccess.ReadOnly },
            new("refreshTokenLastUsed", Text, "When a token exchange last succeeded (ISO 8601).") { Access = ApsAccess.ReadOnly },
        ],
        [
            new("licenseTypes", "licenseTypes", Collection: true, Required: false),
            new("addonTypes", "addonTypes", Collection: true, Required: false),
            new("tenants", "tenants", Collection: true, Required: false),
        ],
        [
            new("authenticate", "POST", "authenticate", "Returns {url} where the partner's admin starts the consent flow."),
            new("refreshToken", "POST", "refreshToken", "Stores a consent refresh token obtained elsewhere and verifies it with Microsoft.")
            {
                Body = [new("refreshToken", Text, "The refresh token; stored as a secret, never returned.") { Access = ApsAccess.WriteOnly, Required = true }],
            },
            new("upgrade", "POST", "upgrade", "Upgrades the instance to this package version.") { Query = ["version"] },
        ]);

    /// <summary>The <c>licenseTypes</c> type: a license offer the provider sells.</summary>
    public static ApsType LicenseTypes { get; } = new(
        "licenseTypes",
        "Microsoft 365 license type",
        [
            .. OfferProperties(),
            new("trialOfferId", Text, "The offer of the license's trial."),
            new("possibleUpgrades", TextList, "Provisioning ids of license types this one can be upgraded to."),
        ],
        [new("app", AppService, Collection: false, Required: true)],
        []);

    /// <summary>The <c>addonTypes</c> type: an add-on offer the provider sells.</summary>
    public static ApsType AddonTypes { get; } = new(
        "addonTypes",
        "Microsoft 365 add-on type",
        [
            .. OfferProperties(),
            new("possibleParentOffers", TextList, "Provisioning ids of the license or add-on types this add-on attaches to, in order of preference.") { Required = true },
        ],
        [new("app", AppService, Collection: false, Required: true)],
        []);

    /// <summary>The <c>tenants</c> type: a customer's Microsoft 365 organization and its subscriptions.</summary>
    public static ApsType Tenants { get; } = new(
        "tenants",
        "Microsoft 365 tenant",
        [
            new("domainPrefix", Text, "A new organization's prefix: it becomes <prefix>.onmicrosoft.com; derived from the company name when absent."),
            new("existingTenantDomain", Text, "An existing organization's domain, linked through the reseller relationship."),
            new("companyName", Text, "The customer's company name; the linked account's when absent."),
            new("country", Text, "The customer's ISO-2 country; the account's, else the instance's defaultCountry, when absent."),
            new("address", Structure, "The customer's billing address; the account's when absent.")
            {
                Nested =
                [
                    new("addressLine1", Text, "First line."),
                    new("addressLine2", Text, "Second line."),
                    new("city", Text, "City."),
                    new("state", Text, "State or region."),
                    new("postalCode", Text, "Postal code."),
                ],
            },
            new("contact", Structure, "The customer's contact, who becomes the initial admin; the account's admin (else technical) contact when absent.")
            {
                Nested =
                [
                    new("firstName", Text, "First name."),
                    new("lastName", Text, "Last name."),
                    new("email", Text, "Email address."),
                    new("phone", Text, "Phone number."),
                ],
            },
            new("culture", Text, "The customer's culture, such as en-US."),
            new("language", Text, "The customer's language, such as en."),
            new("resellerMpnId", Text, "The indirect reseller's MPN ID (indirect instances only; required there)."),
            new("trialLicenses", TextList, "Provisioning ids of license types bought as their trial offer; left out later, the trial is converted to the paid offer."),
            new("seats", StructureList, "Per license or add-on type: the subscription's limit, the seats bought at Microsoft, the licenses assigned, and a change Microsoft applies only at renewal.")
            {
                Access = ApsAccess.ReadOnly,
                Nested =
                [
                    new("provisioningId", Text, "The license or add-on type."),
                    new("limit", WholeNumber, "The limit of the customer's subscription."),
                    new("purchased", WholeNumber, "The seats bought at Microsoft."),
                    new("assigned", WholeNumber, "The licenses assigned to the tenant's users."),
                    new("pendingQuantity", WholeNumber, "The seats Microsoft changes to at the term's renewal."),
                    new("pendingFrom", Text, "When the pending quantity takes effect (ISO 8601)."),
                ],
            },
            new("tenantId", Text, "The Microsoft tenant id.") { Access = ApsAccess.ReadOnly },
            new("initialDomain", Text, "The <prefix>.onmicrosoft.com domain.") { Access = ApsAccess.ReadOnly },
            new("adminLogin", Text, "The initial admin's sign-in name.") { Access = ApsAccess.ReadOnly },
            new("adminPassword", Text, "The initial admin's password: in the provisioning result once, never stored in plain form.") { Access = ApsAccess.ReadOnly, Encrypted = true },
            new("relationshipUrl", Text, "The reseller relationship link an existing organization's admin accepts.") { Access = ApsAccess.ReadOnly },
            new("adminAccessUrl", Text, "The GDAP relationship an existing organization's admin approves, giving the partner the admin roles users and domains need.") { Access = ApsAccess.ReadOnly },
            new("subscriptions", StructureList, "The subscriptions bought.")
            {
                Access = ApsAccess.ReadOnly,
                Nested =
                [
                    new("provisioningId", Text, "The type the subscription was bought for."),
                    new("subscriptionId", Text, "Partner Center's subscription id."),
                    new("offerId", Text, "The offer bought."),
                    new("quantity", WholeNumber, "The seats."),
                    new("status", Text, "Partner Center's status."),
                ],
            },
            new("statusMessage", Text, "What the gateway last did or needs, in words.") { Access = ApsAccess.ReadOnly },
        ],
        [
            new("app", AppService, Collection: false, Required: true),
            ApsRelation.ToPlatform("account", CommerceContract.AccountType, required: true),
            ApsRelation.ToPlatform("subscription", CommerceContract.SubscriptionType, required: true),
            new("users", "users", Collection: true, Required: false),
            new("domains", "domains", Collection: true, Required: false),
        ],
        [
            new("disable", "PUT", "disable", "Suspends every subscription of the tenant."),
            new("enable", "PUT", "enable", "Reactivates every subscription of the tenant."),
            new("sync", "POST", "sync", "Reconciles the tenant with Partner Center now and returns the report."),
            new(CommerceContract.LimitsChangedHandler, "POST", CommerceContract.LimitsChangedHandler,
                "Commerce's limits-changed event for the tenant's subscription: the seats follow the new limits.") { AcceptsAnyBody = true },
        ],
        CommerceContract.SubscriptionServiceType);

    /// <summary>The <c>users</c> type: a user in a tenant.</summary>
    public static ApsType Users { get; } = new(
        "users",
        "Microsoft 365 user",
        [
            new("login", Text, "The local part of the user principal name; the linked service user's login when absent."),
            new("domain", Text, "The domain part; the service user's login domain when it is a verified domain of the tenant, else the tenant's initial domain."),
            new("displayName", Text, "The display name; the service user's when absent."),
            new("firstName", Text, "First name; the service user's when absent."),
            new("lastName", Text, "Last name; the service user's when absent."),
            new("usageLocation", Text, "The ISO-2 country licenses are used in; the tenant's country when absent."),
            new("licenses", TextList, "Provisioning ids of assignable types to assign."),
            new("password", Text, "The initial password; never stored in plain form, never returned. Made by the gateway for a user of a service user when absent.") { Access = ApsAccess.WriteOnly },
            new("initialPassword", Text, "The password the gateway made: in the provisioning result once, never stored in plain form.") { Access = ApsAccess.ReadOnly, Encrypted = true },
            new("userId", Text, "The Entra user id.") { Access = ApsAccess.ReadOnly },
            new("userPrincipalName", Text, "The sign-in name.") { Access = ApsAccess.ReadOnly },
        ],
        [new("tenant", "tenants", Collection: false, Required: true), ApsRelation.ToPlatform("user", CommerceContract.ServiceUserType, required: false)],
        []);

    /// <summary>The <c>domains</c> type: a custom domain of a tenant.</summary>
    public static ApsType Domains { get; } = new(
        "domains",
        "Microsoft 365 domain",
        [
            new("name", Text, "The domain name.") { Required = true },
            new("status", Text, "pending or verified.") { Access = ApsAccess.ReadOnly, Values = ["pending", "verified"] },
            new("verificationRecords", StructureList, "The TXT records that prove ownership.") { Access = ApsAccess.ReadOnly, Nested = DnsRecord() },
            new("serviceRecords", StructureList, "The MX, CNAME and SRV records Microsoft 365 needs.") { Access = ApsAccess.ReadOnly, Nested = DnsRecord() },
        ],
        [new("tenant", "tenants", Collection: false, Required: true), ApsRelation.ToPlatform("domain", CommerceContract.DnsDomainType, required: false)],
        [new("verify", "POST", "verify", "Asks Microsoft to verify the domain now.")]);

    /// <summary>Every type, root first.</summary>
    public static IReadOnlyList<ApsType> Types { get; } = [App, LicenseTypes, AddonTypes, Tenants, Users, Domains];

    /// <summary>The type served at <paramref name="service"/>, or null (service ids are case-sensitive).</summary>
    public static ApsType? ForService(string service) => Types.FirstOrDefault(t => t.Service == service);

    private static IEnumerable<ApsProperty> OfferProperties() =>
    [
        new("name", Text, "The name customers see.") { Required = true },
        new("offerId", Text, "A legacy offer id (GUID) or a new-commerce catalog item id (product:sku:availability).") { Required = true },
        new("provisioningId", Text, "The provider's id for the offer, unique within the instance.") { Required = true },
        new("assignableToUsers", Flag, "Whether users can be given this license."),
        new("termDuration", Text, "A new-commerce item's term.") { Values = TermDurations },
        new("billingCycle", Text, "A new-commerce item's billing cycle; the instance's when absent.") { Values = BillingCycles },
        new("minimumQuantity", WholeNumber, "The fewest seats one purchase may have."),
        new("maximumQuantity", WholeNumber, "The most seats one purchase may have."),
        new("withdrawn", Flag, "Set by catalog sync when Microsoft no longer sells the offer; new orders of it are refused.") { Access = ApsAccess.ReadOnly },
    ];

    private static IReadOnlyList<ApsProperty> DnsRecord() =>
    [
        new("recordType", Text, "TXT, MX, CNAME or SRV."),
        new("label", Text, "The host name the record is published at."),
        new("text", Text, "A TXT record's text."),
        new("mailExchange", Text, "An MX record's target."),
        new("preference", WholeNumber, "An MX record's preference."),
        new("canonicalName", Text, "A CNAME record's target."),
        new("service", Text, "An SRV record's service, such as _sip."),
        new("protocol", Text, "An SRV record's protocol, such as _tls."),
        new("port", WholeNumber, "An SRV record's port."),
        new("priority", WholeNumber, "An SRV record's priority."),
        new("weight", WholeNumber, "An SRV record's weight."),
        new("nameTarget", Text, "An SRV record's target host."),
        new("ttl", WholeNumber, "Time to live, in seconds."),
    ];
}
