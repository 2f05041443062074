using System.Collections.Concurrent;
using O365Functions.Core.Provisioning;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.PartnerCenter.Adapters;

/// <summary>
/// <see cref="IIndirectResellers"/> over each instance's Partner Center. The list changes when the provider signs a new
/// reseller, rarely, so it is kept for <see cref="Lifetime"/>; an MPN ID it lacks is looked up again once the list is a
/// minute old, so a reseller signed a moment ago is not refused for long. A list that cannot be read is not a refusal:
/// the purchase still carries the MPN ID and Microsoft refuses it there.
/// </summary>
public sealed class PartnerCenterIndirectResellers(InstanceMicrosoftClients clients, TimeProvider time) : IIndirectResellers
{
    /// <summary>How long a read list answers.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MissRereadAfter = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (HashSet<string> MpnIds, DateTimeOffset Read)> _lists = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<ResellerStanding> StandingOfAsync(string instanceId, string mpnId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mpnId);
        var now = time.GetUtcNow();
        if (_lists.TryGetValue(instanceId, out var known) && now - known.Read < Lifetime
            && (known.MpnIds.Contains(mpnId) || now - known.Read < MissRereadAfter))
        {
            return new ResellerStanding(known.MpnIds.Contains(mpnId), known.MpnIds.Count);
        }

        try
        {
            var partnerCenter = (await clients.ForInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)).PartnerCenter;
            var listed = await partnerCenter.ListIndirectResellersAsync(cancellationToken).ConfigureAwait(false);
            var active = listed
                .Where(r => r.MpnId is not null && (r.State is null || r.State.Equals("Active", StringComparison.OrdinalIgnoreCase)))
                .Select(r => r.MpnId!)
                .ToHashSet(StringComparer.Ordinal);
            _lists[instanceId] = (active, now);
            return new ResellerStanding(active.Contains(mpnId), active.Count);
        }
        catch (Exception unreadable) when (!cancellationToken.IsCancellationRequested)
        {
            return new ResellerStanding(null, 0, unreadable.Message);
        }
    }
}
