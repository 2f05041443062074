using System.Net;
using System.Text.RegularExpressions;

namespace O365Functions.Api.Aps.Http;

/// <summary>The formats APS bodies are checked against, each named so that a refusal can say what was expected.</summary>
public static partial class ApsFieldRules
{
    /// <summary>A UUID, as APS ids and Entra ids are.</summary>
    public static bool IsUuid(string? value) => Guid.TryParseExact(value, "D", out _);

    /// <summary>An ISO 3166-1 alpha-2 code (two letters, any case).</summary>
    public static bool IsCountry(string? value) => value is { Length: 2 } && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]);

    /// <summary>A language tag such as <c>en-US</c>.</summary>
    public static bool IsLanguage(string? value) => value is not null && LanguageTag().IsMatch(value);

    /// <summary>
    /// A base URL written like a public host: <c>scheme://host[:port]</c>, https (or http on loopback), nothing after
    /// the authority.
    /// </summary>
    public static bool IsBaseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))))
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && !value!.TrimEnd('/').EndsWith('?');

    /// <summary>A <c>.onmicrosoft.com</c> prefix: 1 to 27 letters and digits.</summary>
    public static bool IsDomainPrefix(string? value) => value is not null && DomainPrefix().IsMatch(value);

    /// <summary>A DNS domain name of at least two labels.</summary>
    public static bool IsDomainName(string? value) => value is { Length: <= 253 } && DomainName().IsMatch(value);

    /// <summary>The local part of a user principal name.</summary>
    public static bool IsLogin(string? value) => value is { Length: <= 64 } && Login().IsMatch(value);

    /// <summary>An MPN (partner) id: digits.</summary>
    public static bool IsMpnId(string? value) => value is { Length: >= 4 and <= 12 } && value.All(char.IsAsciiDigit);

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex("^[A-Za-z0-9]{1,27}$")]
    private static partial Regex DomainPrefix();

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex DomainName();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$")]
    private static partial Regex Login();
}
