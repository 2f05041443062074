using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace O365Functions.Emulators.Entra;

/// <summary>
/// Entra's v1 token endpoint (<c>POST /{tenant}/oauth2/token</c>) for the two grants the gateway uses: refresh_token
/// (Secure Application Model) and client_credentials (app-only). Answers in v1's shape, numbers as strings.
/// </summary>
internal static class TokenEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, TokenIssuer issuer, MicrosoftEmulatorOptions options, EmulatorClock clock)
    {
        // The consent page: the admin consents at once, and the browser is sent back with a code, as Entra does.
        routes.MapGet("/{tenant}/oauth2/authorize", (HttpRequest request) =>
        {
            var redirect = request.Query["redirect_uri"].ToString();
            if (request.Query["client_id"] != options.ClientId || request.Query["response_type"] != "code" || !Uri.TryCreate(redirect, UriKind.Absolute, out var target))
            {
                return Results.BadRequest("AADSTS900144: client_id, response_type=code and an absolute redirect_uri are required.");
            }

            var code = issuer.IssueAuthorizationCode(redirect);
            var separator = string.IsNullOrEmpty(target.Query) ? "?" : "&";
            return Results.Redirect($"{redirect}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });

        routes.MapPost("/{tenant}/oauth2/token", async (string tenant, HttpRequest request) =>
        {
            if (!request.HasFormContentType)
            {
                return Error("invalid_request", "AADSTS900144", "The request body must be application/x-www-form-urlencoded.");
            }

            var form = await request.ReadFormAsync();
            if (form["client_id"] != options.ClientId || form["client_secret"] != options.ClientSecret)
            {
                return Error("invalid_client", "AADSTS7000215", "Invalid client secret provided.", StatusCodes.Status401Unauthorized);
            }

            var audience = form["resource"].ToString();
            switch (form["grant_type"].ToString())
            {
                case "refresh_token":
                    var presented = form["refresh_token"].ToString();
                    if (issuer.Refusal(presented) is { } code)
                    {
                        var description = code == "AADSTS700082"
                            ? $"The refresh token has expired due to inactivity. The token was issued and was inactive for {options.RefreshTokenIdleLifetime}."
                            : "The refresh token is not valid.";
                        return Error("invalid_grant", code, description);
                    }

                    return Issued(issuer.IssueAccessToken(audience, tenant, appOnly: false), issuer.IssueRefreshToken(), clock);
                case "client_credentials":
                    return Issued(issuer.IssueAccessToken(audience, tenant, appOnly: true), null, clock);
                case "authorization_code":
                    if (!issuer.RedeemAuthorizationCode(form["code"].ToString(), form["redirect_uri"].ToString()))
                    {
                        return Error("invalid_grant", "AADSTS70008", "The provided authorization code or refresh token has expired, been used or was issued for another redirect URI.");
                    }

                    return Issued(issuer.IssueAccessToken(audience, tenant, appOnly: false), issuer.IssueRefreshToken(), clock, IdToken(options, tenant));
                default:
                    return Error("unsupported_grant_type", "AADSTS70003", "The grant type is not supported by this emulator.");
            }
        });
    }

    /// <summary>An unsigned id token whose <c>amr</c> says how the consenting admin signed in.</summary>
    private static string IdToken(MicrosoftEmulatorOptions options, string tenant)
    {
        var methods = options.ConsentWithMultiFactor ? "[\"pwd\",\"mfa\"]" : "[\"pwd\"]";
        return $"{TokenIssuer.Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{TokenIssuer.Base64Url($"{{\"aud\":\"{options.ClientId}\",\"tid\":\"{tenant}\",\"upn\":\"admin@partner.onmicrosoft.com\",\"amr\":{methods}}}")}.";
    }

    private static IResult Issued(IssuedAccessToken token, string? refreshToken, EmulatorClock clock, string? idToken = null)
    {
        var seconds = (long)(token.ExpiresOn - clock.GetUtcNow()).TotalSeconds;
        var body = new Dictionary<string, string>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds.ToString(CultureInfo.InvariantCulture),
            ["ext_expires_in"] = seconds.ToString(CultureInfo.InvariantCulture),
            ["expires_on"] = token.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["not_before"] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = token.Audience,
            ["access_token"] = token.Value,
        };
        if (refreshToken is not null)
        {
            body["refresh_token"] = refreshToken;
        }

        if (idToken is not null)
        {
            body["id_token"] = idToken;
        }

        return Results.Json(body);
    }

    private static IResult Error(string error, string code, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(
            new Dictionary<string, object>
            {
                ["error"] = error,
                ["error_description"] = $"{code}: {description}",
                ["error_codes"] = new[] { int.Parse(code["AADSTS".Length..], CultureInfo.InvariantCulture) },
                ["error_uri"] = $"https://login.microsoftonline.com/error?code={code["AADSTS".Length..]}",
            },
            statusCode: status);
}
