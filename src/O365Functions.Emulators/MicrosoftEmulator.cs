using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using O365Functions.Emulators.Entra;
using O365Functions.Emulators.Faults;
using O365Functions.Emulators.Graph;
using O365Functions.Emulators.PartnerCenter;
using O365Functions.Emulators.Webhooks;

namespace O365Functions.Emulators;

/// <summary>
/// Microsoft's side of the gateway as a real HTTP server on 127.0.0.1: Partner Center under <c>/v1</c> and
/// <c>/webhooks/v1</c>, Entra's token endpoint under <c>/{tenant}/oauth2/token</c>, Microsoft Graph under
/// <c>/graph/v1.0</c>, and an inspection endpoint at <c>/emulator/state</c>. One base address serves all of them, so the gateway points both its Partner Center and
/// its authority host at <see cref="BaseUri"/>.
/// </summary>
public sealed class MicrosoftEmulator : IAsyncDisposable
{
    private readonly PartnerCenterState _state;
    private readonly TokenIssuer _tokens;
    private readonly WebhookDispatcher _webhooks;
    private readonly GraphState _graph = new();
    private readonly AdminRelationships _relationships = new();
    private WebApplication? _app;
    private int _disposed;
    private ServiceConduct? _conduct;

    /// <summary>Creates the emulator; <see cref="StartAsync"/> starts listening.</summary>
    public MicrosoftEmulator(MicrosoftEmulatorOptions? options = null)
    {
        Options = options ?? new MicrosoftEmulatorOptions();
        _state = new PartnerCenterState(Options, Clock, Ledger);
        _tokens = new TokenIssuer(Options, Clock);
        Signer = new WebhookSigner(Clock);
        _webhooks = new WebhookDispatcher(Signer, Clock, () => BaseUri);
    }

    /// <summary>The certificates webhook callbacks are signed with; trust <see cref="WebhookSigner.Root"/> to verify them.</summary>
    public WebhookSigner Signer { get; }

    /// <summary>The knobs; changes apply to the next request.</summary>
    public MicrosoftEmulatorOptions Options { get; }

    /// <summary>The clock tests move forward.</summary>
    public EmulatorClock Clock { get; } = new();

    /// <summary>Calls, throttles, faults and replays seen so far.</summary>
    public CallLedger Ledger { get; } = new();

    /// <summary>Where the emulator listens, once started: Partner Center's base and Entra's authority host.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>
    /// The global settings of an APS application instance that uses this emulator's app registration (a sandbox
    /// account selling in <paramref name="countries"/>, United States by default), as a controller installs it.
    /// </summary>
    public JsonObject InstanceSettings(string cspModel = "direct", params string[] countries) => new()
    {
        ["cloud"] = "global",
        ["partnerTenantId"] = Options.PartnerTenantId,
        ["applicationId"] = Options.ClientId,
        ["applicationSecret"] = Options.ClientSecret,
        ["accountMode"] = "sandbox",
        ["cspModel"] = cspModel,
        ["defaultCountry"] = countries is [var first, ..] ? first : "US",
        ["catalogCountries"] = new JsonArray([.. (countries is [] ? ["US"] : countries).Select(country => (JsonNode)country)]),
        ["catalogLanguage"] = "en-US",
        ["productNames"] = "keep",
        ["billingCycle"] = "monthly",
    };

    /// <summary>Microsoft Graph v1.0's root on the emulator.</summary>
    public Uri GraphBaseUri => new(BaseUri, "graph/v1.0/");

    /// <summary>Starts listening on 127.0.0.1 at <see cref="MicrosoftEmulatorOptions.Port"/> (a free port when 0).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Options.Port));
        var app = builder.Build();
        var conduct = _conduct ??= new ServiceConduct(Options, Clock, _tokens, Ledger);
        app.UseRouting();
        app.Use((context, next) => conduct.InvokeAsync(context, _ => next()));
        TokenEndpoint.Map(app, _tokens, Options, Clock);
        PartnerCenterEndpoints.Map(app, _state, Options, Clock, _webhooks);
        WebhookRegistrationEndpoints.Map(app, _webhooks, Signer);
        GraphEndpoints.Map(app, _graph, _state, _tokens);
        AdminRelationshipEndpoints.Map(app, _relationships, Options, _tokens);
        CatalogEndpoints.Map(app, Options);
        CartEndpoints.Map(app, _state, Clock);
        CustomerUserEndpoints.Map(app, _state, _graph);
        SubscriptionChangeEndpoints.Map(app, _state, Clock);
        app.MapGet("/emulator/state", () => Results.Json(Snapshot()));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        _app = app;
    }

    /// <summary>The emulator's state and counters.</summary>
    public EmulatorSnapshot Snapshot()
    {
        lock (_state.Gate)
        {
            return new EmulatorSnapshot
            {
                Customers = _state.Customers.Count,
                Orders = _state.Orders.Count,
                OrderLines = _state.Orders.Values.Sum(order => order.Lines.Count),
                Subscriptions = _state.Subscriptions.Count,
                Calls = new Dictionary<string, int>(Ledger.Calls),
                Throttled = Ledger.Throttled,
                Faults = Ledger.Faults,
                Replays = Ledger.Replays,
                RefreshTokensIssued = _tokens.RefreshTokensIssued,
            };
        }
    }

    /// <summary>Every customer of the partner with its subscriptions, ordered by domain.</summary>
    public IReadOnlyList<EmulatedCustomerView> Customers()
    {
        lock (_state.Gate)
        {
            return [.. _state.Customers.Values.OrderBy(c => c.Domain, StringComparer.OrdinalIgnoreCase).Select(customer => new EmulatedCustomerView(
                customer.Id,
                customer.Domain,
                customer.Country,
                customer.AgreementAttested,
                _state.Orders.Values.Count(order => order.CustomerId == customer.Id),
                [.. _state.Subscriptions.Values.Where(s => s.CustomerId == customer.Id).OrderBy(s => s.CreatedAt).Select(s => new EmulatedSubscriptionView(
                    s.Id, s.OfferId, _state.Settle(s).Quantity, _state.StatusOf(s), s.AutoRenewEnabled, s.ParentSubscriptionId, s.PartnerIdOnRecord, s.FriendlyName))])
            {
                CompanyName = customer.CompanyName,
                BillingEmail = customer.Email,
            })];
        }
    }

    /// <summary>The users of a customer's tenant, by sign-in name, with the part numbers of the licenses each holds.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Users(string tenantId)
    {
        lock (_graph.Gate)
        {
            return _graph.UsersOf(tenantId).Values.ToDictionary(
                user => user.UserPrincipalName,
                user => (IReadOnlyList<string>)[.. user.Licenses.Select(sku => PartNumberOf(sku, tenantId)).Order(StringComparer.Ordinal)],
                StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Changes a subscription as someone using Partner Center's own portal would, outside the gateway.</summary>
    public void ChangeSubscription(string subscriptionId, int? quantity = null, string? status = null)
    {
        lock (_state.Gate)
        {
            var subscription = _state.Subscriptions[subscriptionId];
            subscription.Quantity = quantity ?? subscription.Quantity;
            subscription.ExplicitStatus = status ?? subscription.ExplicitStatus;
            subscription.Version++;
        }
    }

    /// <summary>The customer's admin approves the GDAP relationship awaiting approval for <paramref name="customerTenantId"/>; false when there is none.</summary>
    public bool ApproveAdminRelationship(string customerTenantId)
    {
        lock (_relationships.Gate)
        {
            var pending = _relationships.All.Values.FirstOrDefault(r => r.CustomerTenantId == customerTenantId && r.Status == "approvalPending");
            if (pending is not null)
            {
                pending.Status = "active";
            }

            return pending is not null;
        }
    }

    /// <summary>The GDAP relationships of a customer, with their status and the security groups given roles.</summary>
    public IReadOnlyList<(string Status, IReadOnlyList<string> Groups)> AdminRelationships(string customerTenantId)
    {
        lock (_relationships.Gate)
        {
            return [.. _relationships.All.Values.Where(r => r.CustomerTenantId == customerTenantId).Select(r => (r.Status,
                (IReadOnlyList<string>)[.. r.Assignments.Select(a => a["accessContainer"]?["accessContainerId"]?.GetValue<string>() ?? string.Empty)]))];
        }
    }

    /// <summary>
    /// An organization outside the partner's customers, as a customer's admin holds it before accepting the reseller
    /// relationship: its domain is taken and no customer of the partner has it.
    /// </summary>
    public void AddForeignOrganization(string domain)
    {
        lock (_state.Gate)
        {
            _state.ForeignDomains.Add(domain);
        }
    }

    /// <summary>
    /// The organization's admin accepts the reseller relationship: it becomes a customer of the partner and Partner
    /// Center sends <c>reseller-relationship-accepted-by-customer</c>. Returns the customer's tenant id.
    /// </summary>
    public string AcceptResellerRelationship(string domain, string country = "US")
    {
        EmulatedCustomer customer;
        lock (_state.Gate)
        {
            if (!_state.ForeignDomains.Remove(domain))
            {
                throw new InvalidOperationException($"No organization outside the partner's customers holds {domain}; add it with AddForeignOrganization first.");
            }

            customer = new EmulatedCustomer(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), domain, domain, country, null, null);
            _state.Customers[customer.Id] = customer;
        }

        // The reseller relationship grants no admin rights: Graph in the tenant needs an approved GDAP relationship.
        Options.TenantsWithoutAdminRoles.Add(customer.Id);

        _ = _webhooks.NotifyAsync("reseller-relationship-accepted-by-customer", $"https://api.partnercenter.microsoft.com/v1/customers/{customer.Id}", "customer");
        return customer.Id;
    }

    private string PartNumberOf(Guid sku, string tenantId)
    {
        lock (_state.Gate)
        {
            return _state.Subscriptions.Values.Where(s => s.CustomerId == tenantId && GraphState.SkuIdOf(s.OfferId) == sku)
                .Select(s => GraphState.PartNumberOf(s.OfferId)).FirstOrDefault() ?? sku.ToString();
        }
    }

    /// <summary>
    /// A signed callback for <paramref name="eventName"/>, as the emulator would deliver it, for tests to send or tamper
    /// with; <paramref name="signatureInMsHeader"/> puts the signature in <c>x-ms-signature</c>, and
    /// <paramref name="withEcdsaCertificate"/> signs with a certificate of the trusted root that has no RSA key.
    /// </summary>
    public SignedCallback CreateSignedCallback(
        string eventName, string? resourceUri = null, string resourceName = "test", bool signatureInMsHeader = false, bool withEcdsaCertificate = false) =>
        _webhooks.Sign(eventName, resourceUri, resourceName, signatureInMsHeader, withEcdsaCertificate);

    /// <summary>Where Partner Center sends webhook callbacks now, and for which events; null when nothing is registered.</summary>
    public (Uri Url, IReadOnlyList<string> Events)? RegisteredWebhook => _webhooks.Current is { } current ? (current.Url, current.Events) : null;

    /// <summary>Webhook callbacks delivered with a success answer, and those that failed.</summary>
    public (int Delivered, int Failed) WebhookDeliveries => (_webhooks.Delivered, _webhooks.Failed);

    /// <summary>The custom domains of a customer's tenant.</summary>
    public IReadOnlyList<string> Domains(string tenantId)
    {
        lock (_graph.Gate)
        {
            return [.. _graph.DomainsOf(tenantId).Keys.Order(StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>Marks the verification TXT record of <paramref name="domain"/> as published, so Graph's verify succeeds.</summary>
    public void PublishDomainVerificationRecord(string domain)
    {
        lock (_graph.Gate)
        {
            _graph.PublishedDomains.Add(domain);
        }
    }

    /// <summary>
    /// Drops the connection after the action of the next Partner Center or Graph call with <paramref name="method"/> whose path
    /// contains <paramref name="pathPart"/>: the change is made, the caller never hears of it.
    /// </summary>
    public void DropConnectionAfterActionOnce(string method, string pathPart) =>
        (_conduct ??= new ServiceConduct(Options, Clock, _tokens, Ledger)).DropAfterActionOnce(method, pathPart);

    /// <summary>Issues a new refresh token, as a partner admin's consent made outside the gateway would.</summary>
    public string IssueRefreshToken() => _tokens.IssueRefreshToken();

    /// <summary>Revokes every refresh token issued so far, as an admin revoking the consenting user's sessions would.</summary>
    public void RevokeRefreshTokens() => _tokens.RevokeAll();

    /// <inheritdoc />
    /// <remarks>
    /// Once, however many callers ask and from however many threads: the signer's OpenSSL keys throw when two threads
    /// free them at once (seen once as a NullReferenceException while a test gateway stopped).
    /// </remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _webhooks.Dispose();
        Signer.Dispose();
    }
}
