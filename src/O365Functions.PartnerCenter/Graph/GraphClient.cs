using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Graph;

/// <summary>
/// The Microsoft Graph calls the gateway makes in a customer's tenant: users, licenses, subscribed SKUs, domains.
/// Written over HttpClient because the Microsoft.Graph 5 SDK does not restore from this project's registry (it
/// needs Microsoft.Graph.Core 4, which is not served); the paths and bodies are Graph v1.0's. Tokens are app+user
/// tokens for the customer tenant, from the same Secure Application Model source as Partner Center's.
/// </summary>
public sealed class GraphClient(HttpClient http, IAccessTokenSource tokens, GraphOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Creates a user (<c>POST /users</c>).</summary>
    public Task<GraphUser> CreateUserAsync(string tenantId, GraphUser user, CancellationToken cancellationToken = default) =>
        SendAsync<GraphUser>(tenantId, HttpMethod.Post, "users", user, cancellationToken)!;

    /// <summary>Gets a user by object id or user principal name; null when there is none.</summary>
    public async Task<GraphUser?> GetUserAsync(string tenantId, string idOrUserPrincipalName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync<GraphUser>(tenantId, HttpMethod.Get, $"users/{Uri.EscapeDataString(idOrUserPrincipalName)}", null, cancellationToken).ConfigureAwait(false);
        }
        catch (GraphException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes a user; a user already gone counts as deleted.</summary>
    public async Task DeleteUserAsync(string tenantId, string idOrUserPrincipalName, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendAsync<JsonElement>(tenantId, HttpMethod.Delete, $"users/{Uri.EscapeDataString(idOrUserPrincipalName)}", null, cancellationToken).ConfigureAwait(false);
        }
        catch (GraphException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>Adds and removes a user's licenses in one call (<c>POST /users/{id}/assignLicense</c>).</summary>
    public Task<GraphUser> AssignLicenseAsync(
        string tenantId, string userId, IReadOnlyList<AssignedLicense> add, IReadOnlyList<Guid> remove, CancellationToken cancellationToken = default) =>
        SendAsync<GraphUser>(tenantId, HttpMethod.Post, $"users/{Uri.EscapeDataString(userId)}/assignLicense", new { addLicenses = add, removeLicenses = remove }, cancellationToken)!;

    /// <summary>The SKUs the tenant has licenses of (<c>GET /subscribedSkus</c>).</summary>
    public async Task<IReadOnlyList<GraphSubscribedSku>> ListSubscribedSkusAsync(string tenantId, CancellationToken cancellationToken = default) =>
        (await SendAsync<GraphCollection<GraphSubscribedSku>>(tenantId, HttpMethod.Get, "subscribedSkus", null, cancellationToken).ConfigureAwait(false))!.Value;

    /// <summary>Adds a domain to the tenant, unverified (<c>POST /domains</c>).</summary>
    public Task<GraphDomain> AddDomainAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        SendAsync<GraphDomain>(tenantId, HttpMethod.Post, "domains", new { id = domain }, cancellationToken)!;

    /// <summary>The DNS records that prove the tenant owns <paramref name="domain"/>.</summary>
    public async Task<IReadOnlyList<GraphDnsRecord>> ListVerificationDnsRecordsAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        (await SendAsync<GraphCollection<GraphDnsRecord>>(tenantId, HttpMethod.Get, $"domains/{Uri.EscapeDataString(domain)}/verificationDnsRecords", null, cancellationToken).ConfigureAwait(false))!.Value;

    /// <summary>The DNS records Microsoft 365 services need on <paramref name="domain"/> (MX, autodiscover, SPF...).</summary>
    public async Task<IReadOnlyList<GraphDnsRecord>> ListServiceConfigurationRecordsAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        (await SendAsync<GraphCollection<GraphDnsRecord>>(tenantId, HttpMethod.Get, $"domains/{Uri.EscapeDataString(domain)}/serviceConfigurationRecords", null, cancellationToken).ConfigureAwait(false))!.Value;

    /// <summary>Asks Graph to check the verification record; Graph answers 400 while it is not published.</summary>
    public Task<GraphDomain> VerifyDomainAsync(string tenantId, string domain, CancellationToken cancellationToken = default) =>
        SendAsync<GraphDomain>(tenantId, HttpMethod.Post, $"domains/{Uri.EscapeDataString(domain)}/verify", null, cancellationToken)!;

    private async Task<T?> SendAsync<T>(string tenantId, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var payload = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, PartnerCenterJson.Options);
        var refreshedToken = false;
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(TokenAudiences.Graph, tenantId, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, new Uri(options.BaseUri, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
            request.Headers.Add("client-request-id", Guid.NewGuid().ToString());
            if (payload is not null)
            {
                request.Content = new ByteArrayContent(payload) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < options.MaxAttempts && method != HttpMethod.Post)
            {
                // A POST that lost its connection may have happened; Graph has no idempotency key, so the caller decides.
                await Task.Delay(RetryTiming.Backoff(attempt, options.FirstRetryDelay, options.MaxRetryDelay), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return text.Length == 0 ? default : JsonSerializer.Deserialize<T>(text, PartnerCenterJson.Options);
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshedToken)
                {
                    tokens.Forget(TokenAudiences.Graph, tenantId);
                    refreshedToken = true;
                    continue;
                }

                if (attempt < options.MaxAttempts
                    && (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                    && RetryTiming.RetryAfter(response, attempt, options.FirstRetryDelay, options.MaxRetryDelay, _time) is { } wait)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw Failure(response.StatusCode, text);
            }
        }
    }

    private static GraphException Failure(HttpStatusCode status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                return new GraphException(
                    status,
                    error.TryGetProperty("code", out var code) ? code.GetString() : null,
                    error.TryGetProperty("message", out var message) ? message.GetString() ?? string.Empty : string.Empty);
            }
        }
        catch (JsonException)
        {
        }

        return new GraphException(status, null, body.Length > 1024 ? body[..1024] : body);
    }
}
