using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.AssignLicense;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using O365Functions.PartnerCenter.Auth;

namespace O365Functions.PartnerCenter.Graph;

/// <summary>
/// The Microsoft Graph calls the gateway makes in a customer's tenant (users, licenses, subscribed SKUs, domains),
/// through the Microsoft Graph SDK. Each call runs on a <see cref="GraphServiceClient"/> bound to the tenant, over one
/// shared SDK middleware pipeline (retries of 429/503/504 with <c>Retry-After</c>, redirects), so the base URL and
/// the token source are this gateway's: the emulator in tests, any national cloud in production. Graph's errors
/// become <see cref="GraphException"/>; a refused token is dropped and the call made once more with a fresh one.
/// </summary>
public sealed class GraphClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly GraphOptions _options;

    /// <summary>Creates the client over <paramref name="transport"/>, or over a new <see cref="SocketsHttpHandler"/> when null.</summary>
    public GraphClient(IAccessTokenSource tokens, GraphOptions options, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options.MaxRetries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxRetries, 10, nameof(options.MaxRetries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.RetryDelay, TimeSpan.FromSeconds(180), nameof(options.RetryDelay));
        _tokens = tokens;
        _options = options;
        _http = new HttpClient(GraphClientFactory.CreatePipeline(Middleware(options), transport ?? new SocketsHttpHandler()))
        {
            Timeout = TimeSpan.FromSeconds(100),
        };
    }

    /// <summary>
    /// Creates a user (<c>POST /users</c>). When the connection is lost the user may exist: it is looked up by its user
    /// principal name and returned if it does, and created again only if it does not.
    /// </summary>
    public async Task<User> CreateUserAsync(string tenantId, User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await WriteOnceAsync(
            () => CallAsync(tenantId, graph => graph.Users.PostAsync(user, cancellationToken: cancellationToken)),
            () => user.UserPrincipalName is { } upn ? GetUserAsync(tenantId, upn, cancellationToken) : Task.FromResult<User?>(null)).ConfigureAwait(false);
    }

    /// <summary>Gets a user by object id or user principal name; null when there is none.</summary>
    public async Task<User?> GetUserAsync(string tenantId, string idOrUserPrincipalName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CallAsync(tenantId, graph => graph.Users[idOrUserPrincipalName].GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (GraphException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes a user; a user already gone counts as deleted.</summary>
    public Task DeleteUserAsync(string tenantId, string idOrUserPrincipalName, CancellationToken cancellationToken = default) =>
        DeleteIfPresentAsync(tenantId, graph => graph.Users[idOrUserPrincipalName].DeleteAsync(cancellationToken: cancellationToken));

    /// <summary>Adds and removes a user's licenses in one call (<c>POST /users/{id}/assignLicense</c>).</summary>
    public Task<User> AssignLicenseAsync(
        string tenantId, string userId, IReadOnlyList<AssignedLicense> add, IReadOnlyList<Guid> remove, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(remove);
        var body = new AssignLicensePostRequestBody { AddLicenses = [.. add], RemoveLicenses = [.. remove.Select(sku => (Guid?)sku)] };
        return WriteOnceAsync(
            () => CallAsync(tenantId, graph => graph.Users[userId].AssignLicense.PostAsync(body, cancellationToken: cancellationToken)),
            async () =>
            {
                var current = await CallAsync(tenantId, graph => graph.Users[userId].GetAsync(
                    request => request.QueryParameters.Select = ["id", "userPrincipalName", "assignedLicenses"], cancellationToken)).ConfigureAwait(false);
                var assigned = (current.AssignedLicenses ?? []).Select(l => l.SkuId).ToHashSet();
                return add.All(l => assigned.Contains(l.SkuId)) && !remove.Any(sku => assigned.Contains(sku)) ? current : null;
            });
    }

    /// <summary>The SKUs the tenant has licenses of (<c>GET /subscribedSkus</c>).</summary>
    public async Task<IReadOnlyList<SubscribedSku>> ListSubscribedSkusAsync(string tenantId, CancellationToken cancellationToken = default) =>
        (await CallAsync(tenantId, graph => graph.SubscribedSkus.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false)).Value ?? [];

    /// <summary>Adds a domain to the tenant, unverified (<c>POST /domains</c>).</summary>
    public Task<Domain> AddDomainAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        WriteOnceAsync(
            () => CallAsync(tenantId, graph => graph.Domains.PostAsync(new Domain { Id = domain }, cancellationToken: cancellationToken)),
            async () =>
            {
                try
                {
                    return await CallAsync(tenantId, graph => graph.Domains[domain].GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
                }
                catch (GraphException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }
            });

    /// <summary>The DNS records that prove the tenant owns <paramref name="domain"/>; a TXT record is a <see cref="DomainDnsTxtRecord"/>.</summary>
    public async Task<IReadOnlyList<DomainDnsRecord>> ListVerificationDnsRecordsAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        (await CallAsync(tenantId, graph => graph.Domains[domain].VerificationDnsRecords.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false)).Value ?? [];

    /// <summary>The DNS records Microsoft 365 services need on <paramref name="domain"/> (MX, autodiscover, SPF...).</summary>
    public async Task<IReadOnlyList<DomainDnsRecord>> ListServiceConfigurationRecordsAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        (await CallAsync(tenantId, graph => graph.Domains[domain].ServiceConfigurationRecords.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false)).Value ?? [];

    /// <summary>Asks Graph to check the verification record; Graph answers 400 while it is not published.</summary>
    public Task<Domain> VerifyDomainAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        CallAsync(tenantId, graph => graph.Domains[domain].Verify.PostAsync(cancellationToken: cancellationToken));

    /// <summary>The directory objects (users, groups, applications) that still use <paramref name="domain"/>; Graph refuses to delete a domain while any do.</summary>
    public async Task<IReadOnlyList<DirectoryObject>> ListDomainNameReferencesAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        (await CallAsync(tenantId, graph => graph.Domains[domain].DomainNameReferences.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false)).Value ?? [];

    /// <summary>Deletes a domain from the tenant (<c>DELETE /domains/{id}</c>); a domain already gone counts as deleted.</summary>
    public Task DeleteDomainAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        DeleteIfPresentAsync(tenantId, graph => graph.Domains[domain].DeleteAsync(cancellationToken: cancellationToken));

    /// <summary>Runs a delete; Graph's 404 means an earlier attempt (or someone else) already deleted it.</summary>
    private async Task DeleteIfPresentAsync(string tenantId, Func<GraphServiceClient, Task> delete)
    {
        try
        {
            await CallAsync(tenantId, async graph =>
            {
                await delete(graph).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        catch (GraphException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>Runs any other Graph call in <paramref name="tenantId"/> with the same tokens, pipeline and error mapping.</summary>
    public async Task<T> CallAsync<T>(string tenantId, Func<GraphServiceClient, Task<T?>> call)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(call);
        for (var refreshed = false; ; refreshed = true)
        {
            using var graph = new GraphServiceClient(
                _http, new BaseBearerTokenAuthenticationProvider(new GraphTokenProvider(_tokens, _options, tenantId)), _options.BaseUri.AbsoluteUri.TrimEnd('/'));
            try
            {
                return await call(graph).ConfigureAwait(false)
                    ?? throw new GraphException(HttpStatusCode.NoContent, null, "Microsoft Graph answered without the object the call returns.");
            }
            catch (ODataError error) when (error.ResponseStatusCode == (int)HttpStatusCode.Unauthorized && !refreshed)
            {
                // Refused before it ran, so calling again cannot do anything twice.
                _tokens.Forget(_options.TokenAudience, tenantId);
            }
            catch (ODataError error)
            {
                throw new GraphException((HttpStatusCode)error.ResponseStatusCode, error.Error?.Code, error.Error?.Message ?? error.Message, error);
            }
            catch (ApiException error)
            {
                throw new GraphException((HttpStatusCode)error.ResponseStatusCode, null, error.Message, error);
            }
            catch (Exception lost) when (lost is HttpRequestException or IOException || (lost is TaskCanceledException && !CallerCancelled(lost)))
            {
                // The SDK does not retry a lost connection, and neither does this: the write may have happened.
                throw new GraphException($"The connection to Microsoft Graph was lost or timed out ({lost.GetType().Name}); the call may or may not have been carried out.", lost)
                {
                    IsOutcomeUnknown = true,
                };
            }
        }
    }

    /// <summary>
    /// A Graph write whose outcome may be unknown: after a lost connection, <paramref name="effect"/> reads whether it
    /// happened; the write is made again only when it did not, and at most once more.
    /// </summary>
    private static async Task<T> WriteOnceAsync<T>(Func<Task<T>> write, Func<Task<T?>> effect)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write().ConfigureAwait(false);
            }
            catch (GraphException lost) when (lost.IsOutcomeUnknown && attempt < 2)
            {
                if (await effect().ConfigureAwait(false) is { } done)
                {
                    return done;
                }
            }
        }
    }

    /// <summary>Disposes the pipeline.</summary>
    public void Dispose() => _http.Dispose();

    private static bool CallerCancelled(Exception exception) => exception is OperationCanceledException { CancellationToken.IsCancellationRequested: true } cancelled
        && cancelled.InnerException is not TimeoutException;

    private static IList<DelegatingHandler> Middleware(GraphOptions options)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers(new GraphClientOptions());
        var retry = handlers.Select((handler, index) => (handler, index)).Single(pair => pair.handler is RetryHandler).index;
        handlers[retry] = new RetryHandler(new RetryHandlerOption
        {
            MaxRetry = options.MaxRetries,
            Delay = (int)Math.Ceiling(options.RetryDelay.TotalSeconds),
        });
        return handlers;
    }
}
