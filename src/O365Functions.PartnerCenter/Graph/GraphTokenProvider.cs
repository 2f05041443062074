using Microsoft.Kiota.Abstractions.Authentication;
using O365Functions.PartnerCenter.Auth;

namespace O365Functions.PartnerCenter.Graph;

/// <summary>
/// Hands the Graph SDK app+user tokens for one customer tenant from the Secure Application Model source, and only for
/// the configured Graph host, over HTTPS unless that host is the loopback emulator.
/// </summary>
internal sealed class GraphTokenProvider(IAccessTokenSource tokens, GraphOptions options, string tenantId) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([options.BaseUri.Host]);

    public async Task<string> GetAuthorizationTokenAsync(
        Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            return string.Empty;
        }

        var token = await tokens.GetTokenAsync(options.TokenAudience, tenantId, cancellationToken).ConfigureAwait(false);
        return token.Reveal();
    }
}
