using O365Functions.Core.State.Records;

namespace O365Functions.Core.Provisioning;

/// <summary>What a tenant change asks for.</summary>
public enum TenantChangeKind
{
    /// <summary>Bring the subscriptions to the plan (a PUT with the full representation).</summary>
    Configure,

    /// <summary>Suspend every subscription.</summary>
    Disable,

    /// <summary>Reactivate every subscription.</summary>
    Enable,

    /// <summary>End every subscription; the Microsoft customer stays.</summary>
    Remove,

    /// <summary>Bring the subscriptions to the Commerce subscription's limits, read afresh (the limits-changed event).</summary>
    LimitsChanged,
}

/// <summary>One change to an existing subscription.</summary>
/// <param name="ProvisioningId">The provider's type.</param>
/// <param name="Change">What to send.</param>
/// <param name="Why">In words, for progress and logs.</param>
public sealed record PlannedChange(string ProvisioningId, SubscriptionChange Change, string Why);

/// <summary>The steps of a tenant change, in the order they are made.</summary>
/// <param name="Ends">Subscriptions to end (add-ons before their parents).</param>
/// <param name="Changes">Quantity and status changes.</param>
/// <param name="Purchases">Offers to buy, parents before add-ons.</param>
/// <param name="Upgrades">License types replaced by one of their upgrade targets.</param>
/// <param name="Conversions">Trials made paid.</param>
public sealed record TenantChangePlan(
    IReadOnlyList<PlannedChange> Ends,
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<PlannedSubscription> Purchases,
    IReadOnlyList<(PlannedUpgrade Upgrade, int Quantity)> Upgrades,
    IReadOnlyList<PlannedConversion> Conversions);

/// <summary>
/// Compares a tenant's subscriptions in Partner Center with what is wanted and says what to send. The rules, for a
/// subscription no longer wanted (a missing or zero limit, or the tenant's removal):
/// <list type="bullet">
/// <item>a new-commerce subscription inside its cancellation window is cancelled (<c>status: deleted</c>);</item>
/// <item>outside it, Microsoft allows no cancellation: auto-renew is turned off and the subscription suspended, so it
/// ends with its term and serves nobody until then;</item>
/// <item>a legacy subscription is suspended, which is how legacy offers are cancelled.</item>
/// </list>
/// A new-commerce seat reduction is made at once only inside the window; outside it Microsoft allows none until the
/// term renews, so the reduction is scheduled for the renewal (the next term's quantity) and the seats stay until then.
/// Commerce has already applied the new limit by the time it is asked for, so this is not an error to bounce back. A license type that is no longer wanted
/// while one of its <c>possibleUpgrades</c> is newly wanted is upgraded (its seats move) instead of ended and bought
/// again; the upgraded subscription then takes the wanted quantity. A trial whose type is now wanted without
/// <c>trial</c> is converted to the type's paid offer.
/// </summary>
public static class TenantChangePlanner
{
    /// <summary>Partner Center's code for a cancellation past the window.</summary>
    public const string CancellationWindowClosed = "900117";

    /// <summary>Partner Center's code for a new-commerce seat reduction past the window.</summary>
    public const string ReductionNotAllowed = "800090";

    /// <summary>Plans <paramref name="kind"/> over <paramref name="current"/> (the tenant's own subscriptions, keyed by provisioning id).</summary>
    /// <param name="kind">What is asked.</param>
    /// <param name="current">The tenant's subscriptions by provisioning id.</param>
    /// <param name="wanted">The plan asked for (configure only).</param>
    /// <param name="licensePaths">Each license type's upgrade targets and trial offer, by provisioning id.</param>
    /// <param name="tenantApsId">The tenant, whose purchase names upgraded subscriptions take.</param>
    /// <param name="now">The workflow's time.</param>
    /// <param name="cancellationWindow">The window where Partner Center does not report one.</param>
    public static TenantChangePlan Plan(
        TenantChangeKind kind,
        IReadOnlyDictionary<string, SubscriptionState> current,
        IReadOnlyList<PlannedSubscription> wanted,
        IReadOnlyDictionary<string, LicensePaths> licensePaths,
        string tenantApsId,
        DateTimeOffset now,
        TimeSpan cancellationWindow)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(licensePaths);
        var ends = new List<PlannedChange>();
        var changes = new List<PlannedChange>();
        var purchases = new List<PlannedSubscription>();
        var upgrades = new List<(PlannedUpgrade, int)>();
        var conversions = new List<PlannedConversion>();
        var wantedById = wanted.ToDictionary(p => p.ProvisioningId, StringComparer.OrdinalIgnoreCase);
        var upgradedTo = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // Add-ons before their parents, so a parent is never ended or suspended under a live add-on; but to enable,
        // parents first, since Microsoft refuses to reactivate an add-on whose parent is not active (27009).
        var parentsFirst = kind == TenantChangeKind.Enable;
        var ordered = current
            .OrderBy(pair => parentsFirst ? Depth(pair.Value, current) : -Depth(pair.Value, current))
            .ThenBy(pair => pair.Key, StringComparer.Ordinal);
        foreach (var (id, subscription) in ordered)
        {
            var active = IsActive(subscription);
            switch (kind)
            {
                case TenantChangeKind.Remove:
                    ends.Add(End(id, subscription, now, cancellationWindow));
                    break;
                case TenantChangeKind.Disable when active:
                    changes.Add(new PlannedChange(id, new SubscriptionChange(subscription.SubscriptionId, Status: SubscriptionStatus.Suspended), $"Suspending {id}"));
                    break;
                case TenantChangeKind.Enable when subscription.Status == SubscriptionStatus.Suspended:
                    changes.Add(new PlannedChange(id, new SubscriptionChange(subscription.SubscriptionId, Status: SubscriptionStatus.Active), $"Reactivating {id}"));
                    break;
                case TenantChangeKind.Configure when !wantedById.TryGetValue(id, out _)
                    && UpgradeTarget(id, subscription, licensePaths, wantedById, current, upgradedTo) is { } target:
                    upgradedTo.Add(target.ProvisioningId);
                    upgrades.Add((new PlannedUpgrade(id, subscription.SubscriptionId, target.ProvisioningId, target.OfferId, PurchaseNames.For(target.ProvisioningId, tenantApsId)), target.Quantity));
                    break;
                case TenantChangeKind.Configure when !wantedById.TryGetValue(id, out _):
                    ends.Add(End(id, subscription, now, cancellationWindow));
                    break;
                case TenantChangeKind.Configure when !wantedById[id].Trial && licensePaths.GetValueOrDefault(id)?.TrialOfferId is { } trialOffer
                    && string.Equals(subscription.OfferId, trialOffer, StringComparison.OrdinalIgnoreCase):
                    conversions.Add(new PlannedConversion(id, subscription.SubscriptionId, wantedById[id].OfferId, wantedById[id].Quantity, PurchaseNames.For(id, tenantApsId)));
                    break;
                case TenantChangeKind.Configure when wantedById[id].Quantity < subscription.Quantity && subscription.IsNewCommerce && !InsideWindow(subscription, now, cancellationWindow):
                    var reduced = wantedById[id].Quantity;
                    if (subscription.ScheduledQuantity != reduced)
                    {
                        changes.Add(new PlannedChange(id, new SubscriptionChange(subscription.SubscriptionId, ScheduledQuantity: reduced),
                            $"Scheduling {id} to go from {subscription.Quantity} to {reduced} seats when its term renews" +
                            (subscription.CommitmentEndDate is { } renews ? $" on {renews:yyyy-MM-dd}" : string.Empty) +
                            $" (its cancellation window closed {WindowEnd(subscription, cancellationWindow):yyyy-MM-dd HH:mm} UTC)"));
                    }

                    break;
                case TenantChangeKind.Configure when wantedById[id].Quantity != subscription.Quantity:
                    var seats = wantedById[id].Quantity;
                    changes.Add(new PlannedChange(id, new SubscriptionChange(subscription.SubscriptionId, Quantity: seats, ScheduledQuantity: subscription.ScheduledQuantity is null ? null : seats),
                        $"Changing {id} from {subscription.Quantity} to {seats} seats"));
                    break;
                case TenantChangeKind.Configure when subscription.ScheduledQuantity is { } pending && pending != subscription.Quantity:
                    // The limit came back to the current seats: the next term keeps them.
                    changes.Add(new PlannedChange(id, new SubscriptionChange(subscription.SubscriptionId, ScheduledQuantity: subscription.Quantity),
                        $"Keeping {id} at {subscription.Quantity} seats for its next term"));
                    break;
            }
        }

        if (kind == TenantChangeKind.Configure)
        {
            purchases.AddRange(wanted.Where(p => !current.ContainsKey(p.ProvisioningId) && !upgradedTo.Contains(p.ProvisioningId)));
        }

        return new TenantChangePlan(ends, changes, purchases, upgrades, conversions);
    }

    /// <summary>
    /// What to send instead of <paramref name="refused"/> when Microsoft answers that the cancellation window has closed
    /// although the gateway's clock still saw it open (the two clocks differ, or Microsoft counts the window its own
    /// way): past the window a cancellation becomes auto-renew off and a suspension (900117), and a seat reduction
    /// waits for the renewal (800090), as they would have been planned. Null for any other refusal.
    /// </summary>
    public static PlannedChange? PastWindowInstead(PlannedChange refused, SubscriptionState subscription, string refusalCode)
    {
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(subscription);
        var id = refused.ProvisioningId;
        return refusalCode switch
        {
            CancellationWindowClosed when refused.Change.Status == SubscriptionStatus.Deleted => new PlannedChange(id,
                new SubscriptionChange(subscription.SubscriptionId, Status: SubscriptionStatus.Suspended, AutoRenewEnabled: false),
                $"Turning off auto-renew of {id} and suspending it (Microsoft says its cancellation window has closed)"),
            ReductionNotAllowed when refused.Change.Quantity is { } seats && seats < subscription.Quantity => new PlannedChange(id,
                new SubscriptionChange(subscription.SubscriptionId, ScheduledQuantity: seats),
                $"Scheduling {id} to go from {subscription.Quantity} to {seats} seats when its term renews" +
                (subscription.CommitmentEndDate is { } renews ? $" on {renews:yyyy-MM-dd}" : string.Empty) + " (Microsoft says its cancellation window has closed)"),
            _ => null,
        };
    }

    /// <summary>The first of the type's upgrade targets that is wanted, not held already, and not taken by another upgrade; legacy offers only.</summary>
    private static PlannedSubscription? UpgradeTarget(
        string id,
        SubscriptionState subscription,
        IReadOnlyDictionary<string, LicensePaths> licensePaths,
        Dictionary<string, PlannedSubscription> wanted,
        IReadOnlyDictionary<string, SubscriptionState> current,
        HashSet<string> taken) =>
        subscription.IsNewCommerce || subscription.ParentSubscriptionId is not null || licensePaths.GetValueOrDefault(id) is not { } paths
            ? null
            : paths.PossibleUpgrades.Select(t => wanted.GetValueOrDefault(t)).FirstOrDefault(t => t is not null && !t.IsNewCommerce && !current.ContainsKey(t.ProvisioningId) && !taken.Contains(t.ProvisioningId));

    private static PlannedChange End(string id, SubscriptionState subscription, DateTimeOffset now, TimeSpan window) =>
        subscription.IsNewCommerce && InsideWindow(subscription, now, window)
            ? new PlannedChange(id, new SubscriptionChange(subscription.SubscriptionId, Status: SubscriptionStatus.Deleted), $"Cancelling {id} inside its cancellation window")
            : new PlannedChange(id, new SubscriptionChange(subscription.SubscriptionId, Status: SubscriptionStatus.Suspended, AutoRenewEnabled: subscription.IsNewCommerce ? false : null),
                subscription.IsNewCommerce ? $"Turning off auto-renew of {id} and suspending it (past its cancellation window)" : $"Suspending {id}");

    /// <summary>How many parents stand above the subscription among the tenant's own (0 for a license).</summary>
    private static int Depth(SubscriptionState subscription, IReadOnlyDictionary<string, SubscriptionState> current)
    {
        var depth = 0;
        for (var parent = subscription.ParentSubscriptionId; parent is not null && depth < current.Count; depth++)
        {
            parent = current.Values.FirstOrDefault(s => s.SubscriptionId == parent)?.ParentSubscriptionId;
        }

        return depth;
    }

    private static bool IsActive(SubscriptionState subscription) =>
        subscription.Status is SubscriptionStatus.Active or SubscriptionStatus.Pending;

    private static bool InsideWindow(SubscriptionState subscription, DateTimeOffset now, TimeSpan window) => now < WindowEnd(subscription, window);

    private static DateTimeOffset WindowEnd(SubscriptionState subscription, TimeSpan window) =>
        subscription.CancellationAllowedUntil ?? (subscription.CreatedAt ?? DateTimeOffset.MinValue) + window;
}
