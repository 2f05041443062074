namespace O365Functions.Emulators;

/// <summary>
/// The emulator's identity and behaviour. Every knob can be changed while it runs (tests turn faults on and off).
/// Defaults make it behave like a healthy Partner Center with instant provisioning.
/// </summary>
public sealed class MicrosoftEmulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The partner's tenant id (the token endpoint's tenant, and the throttling key).</summary>
    public string PartnerTenantId { get; set; } = "11111111-1111-1111-1111-111111111111";

    /// <summary>The app registration's client id the token endpoint accepts.</summary>
    public string ClientId { get; set; } = "22222222-2222-2222-2222-222222222222";

    /// <summary>The app registration's client secret the token endpoint accepts.</summary>
    public string ClientSecret { get; set; } = "emulator-client-secret";

    /// <summary>The refresh token the partner's consent produced; the first token of the rotation chain.</summary>
    public string InitialRefreshToken { get; set; } = "emulator-refresh-token-0";

    /// <summary>Whether the emulated consent page signs the admin in with multi-factor authentication (the id token's <c>amr</c> then holds <c>mfa</c>).</summary>
    public bool ConsentWithMultiFactor { get; set; } = true;

    /// <summary>How long a refresh token may go unused before Entra refuses it (AADSTS700082).</summary>
    public TimeSpan RefreshTokenIdleLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long an access token is valid.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long orders stay <c>pending</c> and subscriptions <c>pending</c> before they complete and activate.</summary>
    public TimeSpan ProvisioningDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The share of orders (0 to 1, chosen by dice seeded with <see cref="FaultSeed"/>) that Microsoft takes
    /// <see cref="SlowProvisioningDelay"/> instead of <see cref="ProvisioningDelay"/> to fulfil, with their
    /// subscriptions: an activation that can outlast a caller's patience, as Microsoft's sometimes does.
    /// </summary>
    public double SlowProvisioningRate { get; set; }

    /// <summary>How long a slow order (<see cref="SlowProvisioningRate"/>) and its subscriptions stay pending.</summary>
    public TimeSpan SlowProvisioningDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// When more than zero, a subscription change is accepted for later (202 with a <c>Location</c>) and shows after
    /// this long, as Partner Center does with slow changes; when zero, changes apply at once (200).
    /// </summary>
    public TimeSpan SubscriptionChangeDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The Microsoft Customer Agreement template in force, served by <c>GET /v1/agreements</c>; an attestation naming
    /// another template is refused, so a client that does not read it from there fails here as it would with Microsoft.
    /// </summary>
    public string AgreementTemplateId { get; set; } = "117a77b0-9360-443b-8795-c6dedc750cf9";

    /// <summary>The new-commerce cancellation window after purchase (Microsoft documents 7 days).</summary>
    public TimeSpan CancellationWindow { get; set; } = TimeSpan.FromHours(168);

    /// <summary>
    /// The partner's indirect resellers by MPN ID, with their names: listed by <c>GET /v1/relationships</c>; an order
    /// line or cart naming any other MPN ID as partner of record is refused (404/2072, 400/800015).
    /// </summary>
    public IDictionary<string, string> IndirectResellers { get; } = new Dictionary<string, string>(StringComparer.Ordinal) { ["1234567"] = "Fabrikam Reseller" };

    /// <summary>Countries the partner may sell in; a customer elsewhere is refused with 403 and code 2030.</summary>
    public ISet<string> AllowedCountries { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "US", "CA", "GB", "DE", "FR", "NL", "AU" };

    /// <summary>
    /// Customer tenants in which the partner holds no admin role (no approved GDAP relationship): Graph answers every call
    /// there 403 <c>Authorization_RequestDenied</c>.
    /// </summary>
    public ISet<string> TenantsWithoutAdminRoles { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Legacy offers Microsoft has withdrawn: no longer listed in the market's offers.</summary>
    public ISet<string> WithdrawnOffers { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When set, a customer's subscription list leaves out every second subscription while still counting them all in
    /// <c>totalCount</c>, as a partial answer would.
    /// </summary>
    public bool PartialSubscriptionLists { get; set; }

    /// <summary>
    /// How many listings of a customer's subscriptions still leave out one just bought: Partner Center's listings are
    /// eventually consistent, so a caller that looks before it buys again may not see its own purchase yet, and only
    /// the repeated request's <c>MS-RequestId</c> keeps it from buying twice. 0 (the default) lists it at once.
    /// </summary>
    public int ListingLagReads { get; set; }

    /// <summary>Added before every Partner Center and Graph answer.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Requests per <see cref="ThrottleWindow"/> before 429; unlimited when null.</summary>
    public int? ThrottleBudget { get; set; }

    /// <summary>The window <see cref="ThrottleBudget"/> counts over (any interval of this length).</summary>
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The <c>Retry-After</c> seconds of an injected 429.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The share of Partner Center calls (0 to 1) that meet a fault from <see cref="FaultKinds"/>.</summary>
    public double FaultRate { get; set; }

    /// <summary>The share of Graph calls (0 to 1) that meet a fault from <see cref="FaultKinds"/>, answered in Graph's error shape.</summary>
    public double GraphFaultRate { get; set; }

    /// <summary>Which faults are injected, chosen at random among these.</summary>
    public EmulatedFault FaultKinds { get; set; } = EmulatedFault.Throttled | EmulatedFault.ServiceUnavailable | EmulatedFault.ConnectionDroppedAfterAction;

    /// <summary>Seeds the fault dice, so a failing test can be replayed.</summary>
    public int FaultSeed { get; set; } = 2026;
}
