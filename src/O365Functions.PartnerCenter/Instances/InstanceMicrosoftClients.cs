using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Graph;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Instances;

/// <summary>
/// Builds and keeps each application instance's <see cref="MicrosoftClientSet"/> from its settings: its cloud's
/// endpoints (or its own where the gateway allows them), its partner tenant, its app registration and its secrets.
/// Instances never share a token source, so a token one instance holds is never sent for another. A set is rebuilt
/// when the instance's settings change. How every instance's client conducts itself (its request budget per partner
/// tenant, retries, time-outs) comes from the <c>PartnerCenter</c> configuration section. The instance's <c>accountMode</c> needs no client of its own: Partner
/// Center's integration sandbox is reached at the same endpoints with the sandbox partner's credentials.
/// </summary>
public sealed class InstanceMicrosoftClients(
    GatewayRecords records,
    ISecretStore secrets,
    IHttpClientFactory http,
    PartnerRateLimiters limiters,
    IOptions<MicrosoftEndpointPolicy> policy,
    IOptions<PartnerCenterOptions>? partnerCenter = null,
    DefaultMicrosoftEndpoints? defaults = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, (ApplicationInstanceRecord Settings, MicrosoftClientSet Clients)> _sets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The instance's clients; throws <see cref="InvalidOperationException"/> when it is not installed.</summary>
    public async Task<MicrosoftClientSet> ForInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var settings = (await store.GetAsync<ApplicationInstanceRecord>(RecordKey.Instance(instanceId), cancellationToken).ConfigureAwait(false))?.Record
            ?? throw new InvalidOperationException($"Application instance {instanceId} is not installed.");
        if (_sets.TryGetValue(instanceId, out var known) && SameClients(known.Settings, settings))
        {
            return known.Clients;
        }

        var built = Build(settings);
        var kept = _sets.AddOrUpdate(instanceId, (settings, built), (_, stale) => SameClients(stale.Settings, settings) ? stale : (settings, built));
        if (!ReferenceEquals(kept.Clients, built))
        {
            built.Dispose();
        }

        return kept.Clients;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, clients) in _sets.Values)
        {
            clients.Dispose();
        }
    }

    private MicrosoftClientSet Build(ApplicationInstanceRecord settings)
    {
        var endpoints = MicrosoftCloudEndpoints.For(settings, policy.Value, defaults?.Get());
        var tokens = new SecureApplicationTokenSource(http.CreateClient(nameof(InstanceMicrosoftClients)), secrets, new EntraTokenOptions
        {
            AuthorityHost = endpoints.Login,
            PartnerTenantId = settings.PartnerTenantId,
            ClientId = settings.ApplicationId,
            ClientSecretName = InstanceSecretNames.ApplicationSecret(settings.InstanceId),
            RefreshTokenName = InstanceSecretNames.RefreshToken(settings.InstanceId),
        });
        var conduct = partnerCenter?.Value ?? new PartnerCenterOptions();
        var partnerCenterOptions = conduct.ForPartner(
            endpoints.PartnerCenter, settings.PartnerTenantId, settings.CatalogLanguage is { Length: > 0 } language ? language : conduct.Locale);
        var transport = new PartnerCenterTransport(http.CreateClient(nameof(PartnerCenterTransport)), partnerCenterOptions, tokens, limiters);
        var graph = new GraphClient(tokens, new GraphOptions
        {
            BaseUri = new Uri(endpoints.Graph.AbsoluteUri.TrimEnd('/') + "/v1.0/"),
            TokenAudience = endpoints.GraphAudience,
        });
        return new MicrosoftClientSet(endpoints, tokens, new PartnerCenterClient(transport, partnerCenterOptions), graph, settings.PartnerTenantId);
    }

    // The clients depend on these settings only; a change of, say, the catalog countries keeps them and their tokens.
    private static bool SameClients(ApplicationInstanceRecord a, ApplicationInstanceRecord b) =>
        a.Cloud == b.Cloud && a.PartnerTenantId == b.PartnerTenantId && a.ApplicationId == b.ApplicationId && Equals(a.Endpoints, b.Endpoints)
        && a.CatalogLanguage == b.CatalogLanguage;
}
