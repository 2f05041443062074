using System.Text;
using System.Text.Json;

namespace O365Functions.PartnerCenter.Auth;

/// <summary>
/// Reads the <c>amr</c> (authentication methods) claim of a JWT without validating it: the token came straight from
/// Entra over TLS in answer to our own request, and only the claim's content is wanted. Partner Center requires
/// app+user tokens to come from a sign-in with multi-factor authentication.
/// </summary>
public static class MultiFactorClaim
{
    /// <summary>True when <c>amr</c> holds <c>mfa</c>, false when it does not, null when the token is not a readable JWT or has no <c>amr</c>.</summary>
    public static bool? Read(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty("amr", out var amr) && amr.ValueKind == JsonValueKind.Array
                ? amr.EnumerateArray().Any(method => method.ValueKind == JsonValueKind.String && method.GetString() == "mfa")
                : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
