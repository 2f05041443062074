using System.Security.Cryptography;
using System.Text;

namespace O365Functions.Emulators.Graph;

/// <summary>The directory side of each customer tenant: users with their licenses, and domains with their verification.</summary>
internal sealed class GraphState
{
    public object Gate { get; } = new();

    public Dictionary<string, Dictionary<string, EmulatedUser>> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, Dictionary<string, EmulatedDomain>> Domains { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Domains whose verification TXT record has been "published".</summary>
    public HashSet<string> PublishedDomains { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, EmulatedUser> UsersOf(string tenantId) =>
        Users.TryGetValue(tenantId, out var users) ? users : Users[tenantId] = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, EmulatedDomain> DomainsOf(string tenantId) =>
        Domains.TryGetValue(tenantId, out var domains) ? domains : Domains[tenantId] = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Graph SKU id of a Partner Center offer: stable, derived from the offer id.</summary>
    public static Guid SkuIdOf(string offerId) => new(SHA256.HashData(Encoding.UTF8.GetBytes(offerId.ToUpperInvariant())).AsSpan(0, 16));

    public static string PartNumberOf(string offerId) => offerId.ToUpperInvariant() switch
    {
        "796B6B5F-613C-4E24-A17C-EBA730D49C02" => "ENTERPRISEPACK",
        "91FD106F-4B2C-4938-95AC-F54F74E9A239" => "STANDARDPACK",
        "4260988E-990D-479C-AE7B-F01CE8E1BB4D" => "MCOEV",
        "14C61739-B45A-42C0-832C-D330972D3173" => "MCOSTANDARD",
        _ => offerId.ToUpperInvariant(),
    };
}
