using System.Security.Cryptography;
using System.Text;
using O365Functions.Emulators.PartnerCenter;

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

    /// <summary>Seats per SKU of a tenant: bought through its active Partner Center subscriptions, taken by its users' licenses.</summary>
    public Dictionary<Guid, (string PartNumber, int Enabled, int Consumed)> SeatsOf(PartnerCenterState partnerCenter, string tenant)
    {
        List<(string OfferId, int Quantity)> active;
        lock (partnerCenter.Gate)
        {
            active = [.. partnerCenter.Subscriptions.Values
                .Where(s => s.CustomerId.Equals(tenant, StringComparison.OrdinalIgnoreCase) && partnerCenter.StatusOf(s) == "active")
                .Select(s => (s.OfferId, s.Quantity))];
        }

        var users = UsersOf(tenant).Values;
        return active.GroupBy(s => SkuIdOf(s.OfferId)).ToDictionary(
            group => group.Key,
            group => (PartNumberOf(group.First().OfferId), group.Sum(s => s.Quantity), users.Count(u => u.Licenses.Contains(group.Key))));
    }

    /// <summary>The Partner Center subscriptions behind each SKU of a tenant, as Graph lists them in <c>subscriptionIds</c>.</summary>
    public static Dictionary<Guid, List<string>> SubscriptionsOf(PartnerCenterState partnerCenter, string tenant)
    {
        lock (partnerCenter.Gate)
        {
            return partnerCenter.Subscriptions.Values
                .Where(s => s.CustomerId.Equals(tenant, StringComparison.OrdinalIgnoreCase) && partnerCenter.StatusOf(s) is "active" or "suspended")
                .GroupBy(s => SkuIdOf(s.OfferId))
                .ToDictionary(group => group.Key, group => group.Select(s => s.Id).ToList());
        }
    }

    /// <summary>Seats of the tenant's suspended subscriptions, per SKU: they count in the total but cannot be assigned.</summary>
    public Dictionary<Guid, int> SuspendedSeatsOf(PartnerCenterState partnerCenter, string tenant)
    {
        lock (partnerCenter.Gate)
        {
            return partnerCenter.Subscriptions.Values
                .Where(s => s.CustomerId.Equals(tenant, StringComparison.OrdinalIgnoreCase) && partnerCenter.StatusOf(s) == "suspended")
                .GroupBy(s => SkuIdOf(s.OfferId))
                .ToDictionary(group => group.Key, group => group.Sum(s => s.Quantity));
        }
    }

    /// <summary>
    /// Removes and adds a user's licenses, as Graph's assignLicense and Partner Center's license updates both do,
    /// when every added SKU has a free seat or is already the user's. Returns the first SKU without a seat, changing
    /// nothing, or null when the change was made.
    /// </summary>
    public Guid? TryChangeLicenses(PartnerCenterState partnerCenter, string tenant, EmulatedUser user, IReadOnlyList<Guid> add, IEnumerable<Guid> remove)
    {
        var seats = SeatsOf(partnerCenter, tenant);
        foreach (var sku in add)
        {
            if (!seats.TryGetValue(sku, out var count) || (count.Enabled - count.Consumed <= 0 && !user.Licenses.Contains(sku)))
            {
                return sku;
            }
        }

        user.Licenses.ExceptWith(remove);
        user.Licenses.UnionWith(add);
        return null;
    }

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
