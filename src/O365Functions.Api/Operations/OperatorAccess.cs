using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps;
using O365Functions.Core.Secrets;

namespace O365Functions.Api.Operations;

/// <summary>
/// The operator's credential: the admin key (the secret <see cref="KeySecretName"/>, sent in <see cref="KeyHeader"/>),
/// or, where App Service authentication fronts the gateway (<see cref="OperatorOptions"/>), an Entra sign-in of one of
/// the listed operators; checked alike for the controls, the operations list and the console's data. Without either
/// every operator route is off.
/// </summary>
public sealed class OperatorAccess(ISecretStore secrets, AdminKeyGuard guard, IOptions<OperatorOptions> options)
{
    /// <summary>App Service's header naming the identity provider of the signed-in caller.</summary>
    public const string PrincipalProviderHeader = "X-MS-CLIENT-PRINCIPAL-IDP";

    /// <summary>App Service's header with the signed-in caller's id (the Entra object id).</summary>
    public const string PrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    /// <summary>The header that carries the admin key.</summary>
    public const string KeyHeader = "X-Gateway-Admin-Key";

    /// <summary>The secret that holds the admin key.</summary>
    public const string KeySecretName = "gateway-admin-key";

    /// <summary>
    /// Runs <paramref name="handle"/> for the right admin key. A missing or wrong key, and controls that are off, get
    /// the same 401, so an answer does not tell whether the controls are on; an address that keeps failing waits.
    /// </summary>
    public async Task<IResult> AuthorizedAsync(HttpRequest request, Func<Task<IResult>> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handle);
        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (guard.WaitFor(address) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return ApsResults.Error(StatusCodes.Status429TooManyRequests, "TooManyAttempts",
                $"Too many requests from this address had no right admin key. Wait {seconds} s before the next attempt.");
        }

        if (IsSignedInOperator(request))
        {
            return await handle().ConfigureAwait(false);
        }

        var key = (await secrets.GetAsync(KeySecretName, cancellationToken).ConfigureAwait(false))?.Reveal();
        var given = request.Headers[KeyHeader].ToString();
        if (key is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key))))
        {
            guard.Accepted(address);
            return await handle().ConfigureAwait(false);
        }

        guard.Refused(address, key is null ? "the controls are off (no admin key stored)" : given.Length == 0 ? "no admin key sent" : "a wrong admin key");
        return ApsResults.Error(StatusCodes.Status401Unauthorized, "AdminKeyRequired",
            $"Send the operators' admin key in the {KeyHeader} header. The controls work once the key is stored in the secret '{KeySecretName}'.");
    }

    /// <summary>Whether App Service authentication signs operators in here (the console then offers its sign-in).</summary>
    public bool OffersEntraSignIn => options.Value.AppServiceAuthentication;

    private bool IsSignedInOperator(HttpRequest request)
    {
        var settings = options.Value;
        return settings.AppServiceAuthentication
            && string.Equals(request.Headers[PrincipalProviderHeader].ToString(), "aad", StringComparison.OrdinalIgnoreCase)
            && request.Headers[PrincipalIdHeader].ToString() is { Length: > 0 } principal
            && settings.Principals.Contains(principal, StringComparer.OrdinalIgnoreCase);
    }
}
