namespace O365Functions.Emulators.PartnerCenter;

/// <summary>Everything the emulated Partner Center holds. One lock guards it; the emulator is not built for speed under contention.</summary>
internal sealed class PartnerCenterState(MicrosoftEmulatorOptions options, EmulatorClock clock, Faults.CallLedger ledger)
{
    private readonly Random _slowDice = new(options.FaultSeed);

    public object Gate { get; } = new();

    public Dictionary<string, EmulatedCustomer> Customers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, EmulatedOrder> Orders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, EmulatedSubscription> Subscriptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, EmulatedCart> Carts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Domains that exist outside the partner's customers (taken by someone else).</summary>
    public HashSet<string> ForeignDomains { get; } = new(StringComparer.OrdinalIgnoreCase) { "contoso.onmicrosoft.com" };

    public TimeSpan CancellationWindow => options.CancellationWindow;

    public int ListingLagReads => options.ListingLagReads;

    /// <summary>Whether <paramref name="mpnId"/> is one of the partner's indirect resellers.</summary>
    public bool IsIndirectReseller(string mpnId) => options.IndirectResellers.ContainsKey(mpnId);

    public bool IsProvisioned(DateTimeOffset createdAt, bool slow) =>
        clock.GetUtcNow() - createdAt >= (slow ? options.SlowProvisioningDelay : options.ProvisioningDelay);

    /// <summary>Whether the next order is one Microsoft is slow to fulfil (<see cref="MicrosoftEmulatorOptions.SlowProvisioningRate"/>); call under <see cref="Gate"/>.</summary>
    public bool NextOrderIsSlow() => options.SlowProvisioningRate > 0 && _slowDice.NextDouble() < options.SlowProvisioningRate;

    /// <summary>Keeps an accepted order, counting it when it is a slow one; call under <see cref="Gate"/>.</summary>
    public void Keep(EmulatedOrder order)
    {
        Orders[order.Id] = order;
        if (order.Slow)
        {
            ledger.CountSlowOrder();
        }
    }

    public string StatusOf(EmulatedOrder order) => IsProvisioned(order.CreatedAt, order.Slow) ? "completed" : "pending";

    /// <summary>
    /// Applies a change accepted for later once it is due, and renews a new-commerce term that ended with auto-renew on
    /// (its next term starts with the scheduled quantity, and a new cancellation window); every read of a subscription
    /// goes through here.
    /// </summary>
    public EmulatedSubscription Settle(EmulatedSubscription subscription)
    {
        var now = clock.GetUtcNow();
        if (subscription.PendingChange is { } change && now >= change.Due)
        {
            subscription.Quantity = change.Quantity ?? subscription.Quantity;
            subscription.ExplicitStatus = change.Status ?? subscription.ExplicitStatus;
            subscription.PendingChange = null;
            subscription.Version++;
        }

        while (subscription.IsNewCommerce && subscription.AutoRenewEnabled && subscription.ExplicitStatus is null or "active" && now >= subscription.CommitmentEnd)
        {
            subscription.RenewedAt = subscription.CommitmentEnd;
            subscription.Quantity = subscription.ScheduledQuantity ?? subscription.Quantity;
            subscription.ScheduledQuantity = null;
            subscription.Version++;
        }

        return subscription;
    }

    /// <summary>Whether a new-commerce subscription's cancellation window (from the start of its term) has closed.</summary>
    public bool PastCancellationWindow(EmulatedSubscription subscription) =>
        subscription.IsNewCommerce && clock.GetUtcNow() - subscription.TermStart >= options.CancellationWindow;

    public string StatusOf(EmulatedSubscription subscription) =>
        subscription.ExplicitStatus ?? (IsProvisioned(subscription.CreatedAt, subscription.Slow) ? "active" : "pending");
}
