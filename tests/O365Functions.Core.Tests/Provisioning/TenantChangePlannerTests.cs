using O365Functions.Core.State.Records;
using O365Functions.Core.Provisioning;

namespace O365Functions.Core.Tests.Provisioning;

public sealed class TenantChangePlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private static readonly Dictionary<string, LicensePaths> NoUpgrades = [];

    [Fact]
    public void A_removed_new_commerce_subscription_is_cancelled_inside_its_window_and_stops_renewing_and_is_suspended_after_it()
    {
        var current = Own(("FRESH", Subscription("s1", "P:S:A", boughtDaysAgo: 2)), ("OLD", Subscription("s2", "P:S:B", boughtDaysAgo: 30)));

        var plan = TenantChangePlanner.Plan(TenantChangeKind.Configure, current, [], NoUpgrades, "t1", Now, Window);

        Assert.Equal(new SubscriptionChange("s1", Status: SubscriptionStatus.Deleted), plan.Ends.Single(e => e.ProvisioningId == "FRESH").Change);
        Assert.Equal(new SubscriptionChange("s2", Status: SubscriptionStatus.Suspended, AutoRenewEnabled: false), plan.Ends.Single(e => e.ProvisioningId == "OLD").Change);
    }

    [Fact]
    public void A_removed_legacy_subscription_is_suspended()
    {
        var plan = TenantChangePlanner.Plan(TenantChangeKind.Remove, Own(("E3", Subscription("s1", "796b6b5f", boughtDaysAgo: 1))), [], NoUpgrades, "t1", Now, Window);

        Assert.Equal(new SubscriptionChange("s1", Status: SubscriptionStatus.Suspended), plan.Ends.Single().Change);
    }

    [Fact]
    public void A_new_commerce_reduction_past_the_window_is_scheduled_for_the_renewal_and_the_rest_is_made_now()
    {
        var renews = Now.AddDays(20);
        var current = Own(
            ("NCE", Subscription("s1", "P:S:A", boughtDaysAgo: 10, quantity: 5) with { CommitmentEndDate = renews }),
            ("E3", Subscription("s2", "796b6b5f", boughtDaysAgo: 10, quantity: 5)));

        var plan = TenantChangePlanner.Plan(TenantChangeKind.Configure, current, [Wanted("NCE", "P:S:A", 4), Wanted("E3", "796b6b5f", 3)], NoUpgrades, "t1", Now, Window);

        var scheduled = plan.Changes.Single(c => c.ProvisioningId == "NCE");
        Assert.Equal(new SubscriptionChange("s1", ScheduledQuantity: 4), scheduled.Change);
        Assert.Contains("2026-12-21", scheduled.Why, StringComparison.Ordinal);
        Assert.Contains("2026-11-28", scheduled.Why, StringComparison.Ordinal);
        Assert.Equal(new SubscriptionChange("s2", Quantity: 3), plan.Changes.Single(c => c.ProvisioningId == "E3").Change);
    }

    [Fact]
    public void A_scheduled_reduction_is_sent_once_and_undone_when_the_limit_comes_back()
    {
        var scheduled = Own(("NCE", Subscription("s1", "P:S:A", boughtDaysAgo: 10, quantity: 5) with { ScheduledQuantity = 4 }));

        var again = TenantChangePlanner.Plan(TenantChangeKind.Configure, scheduled, [Wanted("NCE", "P:S:A", 4)], NoUpgrades, "t1", Now, Window);
        var back = TenantChangePlanner.Plan(TenantChangeKind.Configure, scheduled, [Wanted("NCE", "P:S:A", 5)], NoUpgrades, "t1", Now, Window);
        var up = TenantChangePlanner.Plan(TenantChangeKind.Configure, scheduled, [Wanted("NCE", "P:S:A", 7)], NoUpgrades, "t1", Now, Window);

        Assert.Empty(again.Changes);
        Assert.Equal(new SubscriptionChange("s1", ScheduledQuantity: 5), back.Changes.Single().Change);
        Assert.Equal(new SubscriptionChange("s1", Quantity: 7, ScheduledQuantity: 7), up.Changes.Single().Change);
    }

    [Fact]
    public void Partner_Centers_own_window_end_wins_over_the_configured_one()
    {
        var subscription = Subscription("s1", "P:S:A", boughtDaysAgo: 10, quantity: 5) with { CancellationAllowedUntil = Now.AddDays(1) };

        var plan = TenantChangePlanner.Plan(TenantChangeKind.Configure, Own(("NCE", subscription)), [Wanted("NCE", "P:S:A", 4)], NoUpgrades, "t1", Now, Window);

        Assert.Equal(new SubscriptionChange("s1", Quantity: 4), plan.Changes.Single().Change);
    }

    [Fact]
    public void The_window_is_closed_at_the_instant_it_ends()
    {
        var subscription = Subscription("s1", "P:S:A", boughtDaysAgo: 1, quantity: 5) with { CancellationAllowedUntil = Now };

        var plan = TenantChangePlanner.Plan(TenantChangeKind.Configure, Own(("NCE", subscription)), [], NoUpgrades, "t1", Now, Window);

        Assert.Equal(new SubscriptionChange("s1", Status: SubscriptionStatus.Suspended, AutoRenewEnabled: false), plan.Ends.Single().Change);
    }

    [Fact]
    public void An_add_on_whose_parent_the_tenant_does_not_hold_is_still_planned()
    {
        var addon = Subscription("a", "o-a", boughtDaysAgo: 1) with { ParentSubscriptionId = "someone-elses" };

        var plan = TenantChangePlanner.Plan(TenantChangeKind.Disable, Own(("A", addon)), [], NoUpgrades, "t1", Now, Window);

        Assert.Equal(["a"], plan.Changes.Select(c => c.Change.SubscriptionId));
    }

    [Fact]
    public void Add_ons_are_ended_and_suspended_before_their_parents_and_only_live_ones_are_suspended()
    {
        var current = Own(
            ("BP", Subscription("p", "031c9e47", boughtDaysAgo: 1)),
            ("ATP", Subscription("a", "a2706f86", boughtDaysAgo: 1) with { ParentSubscriptionId = "p" }),
            ("EFS", Subscription("e", "53fc25f7", boughtDaysAgo: 1) with { ParentSubscriptionId = "p", Status = SubscriptionStatus.Suspended }));

        var removal = TenantChangePlanner.Plan(TenantChangeKind.Remove, current, [], NoUpgrades, "t1", Now, Window);
        var disable = TenantChangePlanner.Plan(TenantChangeKind.Disable, current, [], NoUpgrades, "t1", Now, Window);
        var enable = TenantChangePlanner.Plan(TenantChangeKind.Enable, current, [], NoUpgrades, "t1", Now, Window);

        Assert.Equal("p", removal.Ends[^1].Change.SubscriptionId);
        Assert.Equal(["a", "p"], disable.Changes.Select(c => c.Change.SubscriptionId));
        Assert.Equal(["e"], enable.Changes.Select(c => c.Change.SubscriptionId));
    }

    [Fact]
    public void Enabling_reactivates_each_parent_before_its_add_ons_and_suspending_goes_the_other_way_down_a_chain()
    {
        var suspended = SubscriptionStatus.Suspended;
        var current = Own(
            ("ZZ_ADDON", Subscription("a", "a2706f86", boughtDaysAgo: 1) with { ParentSubscriptionId = "p", Status = suspended }),
            ("AA_ADDON_OF_ADDON", Subscription("aa", "0f5c4a36", boughtDaysAgo: 1) with { ParentSubscriptionId = "a", Status = suspended }),
            ("BP", Subscription("p", "031c9e47", boughtDaysAgo: 1) with { Status = suspended }));

        var enable = TenantChangePlanner.Plan(TenantChangeKind.Enable, current, [], NoUpgrades, "t1", Now, Window);
        var active = Own([.. current.Select(pair => (pair.Key, pair.Value with { Status = SubscriptionStatus.Active }))]);
        var disable = TenantChangePlanner.Plan(TenantChangeKind.Disable, active, [], NoUpgrades, "t1", Now, Window);

        Assert.Equal(["p", "a", "aa"], enable.Changes.Select(c => c.Change.SubscriptionId));
        Assert.Equal(["aa", "a", "p"], disable.Changes.Select(c => c.Change.SubscriptionId));
    }

    [Fact]
    public void A_license_replaced_by_one_of_its_upgrades_is_upgraded_and_the_target_is_not_bought()
    {
        var upgrades = new Dictionary<string, LicensePaths> { ["E1"] = new(["E3"], null) };

        var plan = TenantChangePlanner.Plan(TenantChangeKind.Configure, Own(("E1", Subscription("s1", "91fd106f", boughtDaysAgo: 3))), [Wanted("E3", "796b6b5f", 8)], upgrades, "t1", Now, Window);

        var (upgrade, quantity) = Assert.Single(plan.Upgrades);
        Assert.Equal(("s1", "E3", "796b6b5f", 8), (upgrade.SubscriptionId, upgrade.ToProvisioningId, upgrade.TargetOfferId, quantity));
        Assert.Equal("E3", PurchaseNames.ProvisioningId(upgrade.FriendlyName, "t1"));
        Assert.Empty(plan.Ends);
        Assert.Empty(plan.Purchases);
    }

    [Fact]
    public void A_trial_wanted_without_trial_is_converted_to_the_paid_offer_with_the_wanted_seats()
    {
        var paths = new Dictionary<string, LicensePaths> { ["BP"] = new([], "c0bd2e08") };
        var current = Own(("BP", Subscription("t", "C0BD2E08", boughtDaysAgo: 3, quantity: 25)));

        var converted = TenantChangePlanner.Plan(TenantChangeKind.Configure, current, [Wanted("BP", "031c9e47", 10)], paths, "t1", Now, Window);
        var stillTrial = TenantChangePlanner.Plan(TenantChangeKind.Configure, current, [Wanted("BP", "c0bd2e08", 25) with { Trial = true }], paths, "t1", Now, Window);

        Assert.Equal(new PlannedConversion("BP", "t", "031c9e47", 10, PurchaseNames.For("BP", "t1")), Assert.Single(converted.Conversions));
        Assert.Empty(converted.Changes);
        Assert.Empty(converted.Purchases);
        Assert.Empty(stillTrial.Conversions);
        Assert.Empty(stillTrial.Changes);
    }

    [Fact]
    public void New_types_are_bought_and_kept_ones_with_the_same_quantity_are_left_alone()
    {
        var plan = TenantChangePlanner.Plan(
            TenantChangeKind.Configure, Own(("BP", Subscription("p", "031c9e47", boughtDaysAgo: 1, quantity: 3))),
            [Wanted("BP", "031c9e47", 3), Wanted("ATP", "a2706f86", 2, parent: "BP")], NoUpgrades, "t1", Now, Window);

        Assert.Empty(plan.Changes);
        Assert.Equal("ATP", Assert.Single(plan.Purchases).ProvisioningId);
    }

    [Fact]
    public void A_new_commerce_subscription_past_its_window_kept_at_its_quantity_gets_no_change()
    {
        var plan = TenantChangePlanner.Plan(
            TenantChangeKind.Configure, Own(("NCE", Subscription("n", "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF", boughtDaysAgo: 20, quantity: 5))),
            [Wanted("NCE", "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF", 5)], NoUpgrades, "t1", Now, Window);

        Assert.Empty(plan.Changes);
        Assert.Empty(plan.Ends);
    }

    [Fact]
    public void An_upgrade_is_made_only_to_a_legacy_target_the_tenant_does_not_hold_and_only_from_a_legacy_license()
    {
        var upgrades = new Dictionary<string, LicensePaths> { ["E1"] = new(["E3"], null), ["NCE1"] = new(["E3"], null) };
        var e1 = Subscription("s1", "91fd106f", boughtDaysAgo: 3);

        var toNewCommerce = TenantChangePlanner.Plan(TenantChangeKind.Configure, Own(("E1", e1)), [Wanted("E3", "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF", 4)], upgrades, "t1", Now, Window);
        var alreadyHeld = TenantChangePlanner.Plan(
            TenantChangeKind.Configure, Own(("E1", e1), ("E3", Subscription("s3", "796b6b5f", boughtDaysAgo: 3))), [Wanted("E3", "796b6b5f", 1)], upgrades, "t1", Now, Window);
        var fromNewCommerce = TenantChangePlanner.Plan(
            TenantChangeKind.Configure, Own(("NCE1", Subscription("n1", "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF", boughtDaysAgo: 1))), [Wanted("E3", "796b6b5f", 4)], upgrades, "t1", Now, Window);

        Assert.Empty(toNewCommerce.Upgrades);
        Assert.Equal(["s1"], toNewCommerce.Ends.Select(e => e.Change.SubscriptionId));
        Assert.Equal("E3", Assert.Single(toNewCommerce.Purchases).ProvisioningId);
        Assert.Empty(alreadyHeld.Upgrades);
        Assert.Equal(["s1"], alreadyHeld.Ends.Select(e => e.Change.SubscriptionId));
        Assert.Empty(fromNewCommerce.Upgrades);
        Assert.Equal("E3", Assert.Single(fromNewCommerce.Purchases).ProvisioningId);
    }

    [Fact]
    public void Subscriptions_of_one_depth_are_changed_in_the_order_of_their_provisioning_ids()
    {
        var current = Own(("B", Subscription("b", "o-b", boughtDaysAgo: 1)), ("A", Subscription("a", "o-a", boughtDaysAgo: 1)), ("C", Subscription("c", "o-c", boughtDaysAgo: 1)));

        var plan = TenantChangePlanner.Plan(TenantChangeKind.Disable, current, [], NoUpgrades, "t1", Now, Window);

        Assert.Equal(["a", "b", "c"], plan.Changes.Select(c => c.Change.SubscriptionId));
    }

    [Fact]
    public void When_Microsoft_says_the_window_closed_a_cancellation_becomes_a_suspension_and_a_reduction_a_scheduled_one()
    {
        var nce = Subscription("n", "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF", boughtDaysAgo: 2, quantity: 5);
        var cancel = new PlannedChange("NCE", new SubscriptionChange("n", Status: SubscriptionStatus.Deleted), "cancel");
        var reduce = new PlannedChange("NCE", new SubscriptionChange("n", Quantity: 3), "reduce");
        var raise = new PlannedChange("NCE", new SubscriptionChange("n", Quantity: 7), "raise");

        var suspended = TenantChangePlanner.PastWindowInstead(cancel, nce, TenantChangePlanner.CancellationWindowClosed);
        var scheduled = TenantChangePlanner.PastWindowInstead(reduce, nce, TenantChangePlanner.ReductionNotAllowed);

        Assert.Equal(new SubscriptionChange("n", Status: SubscriptionStatus.Suspended, AutoRenewEnabled: false), suspended!.Change);
        Assert.Equal(new SubscriptionChange("n", ScheduledQuantity: 3), scheduled!.Change);
        Assert.Contains("from 5 to 3 seats", scheduled.Why, StringComparison.Ordinal);
        Assert.Null(TenantChangePlanner.PastWindowInstead(raise, nce, TenantChangePlanner.ReductionNotAllowed));
        Assert.Null(TenantChangePlanner.PastWindowInstead(reduce with { Change = new SubscriptionChange("n", Quantity: 5) }, nce, TenantChangePlanner.ReductionNotAllowed));
        Assert.Null(TenantChangePlanner.PastWindowInstead(reduce, nce, TenantChangePlanner.CancellationWindowClosed));
        Assert.Null(TenantChangePlanner.PastWindowInstead(cancel, nce, "2002"));
    }

    [Fact]
    public void Each_planned_change_says_what_it_does_in_the_words_the_operations_console_shows()
    {
        var renews = Now.AddDays(20);
        var legacy = Subscription("l", "796b6b5f", boughtDaysAgo: 10, quantity: 5);
        var fresh = Subscription("f", "P:S:A", boughtDaysAgo: 2, quantity: 5);
        var old = Subscription("o", "P:S:B", boughtDaysAgo: 10, quantity: 5);

        var removed = TenantChangePlanner.Plan(TenantChangeKind.Remove, Own(("E3", legacy), ("FRESH", fresh), ("OLD", old)), [], NoUpgrades, "t1", Now, Window);
        var disabled = TenantChangePlanner.Plan(TenantChangeKind.Disable, Own(("E3", legacy)), [], NoUpgrades, "t1", Now, Window);
        var enabled = TenantChangePlanner.Plan(TenantChangeKind.Enable, Own(("E3", legacy with { Status = SubscriptionStatus.Suspended })), [], NoUpgrades, "t1", Now, Window);
        var configured = TenantChangePlanner.Plan(
            TenantChangeKind.Configure,
            Own(("E3", legacy), ("RENEWS", old with { CommitmentEndDate = renews }), ("OPEN", old), ("KEPT", old with { ScheduledQuantity = 2 })),
            [Wanted("E3", "796b6b5f", 3), Wanted("RENEWS", "P:S:B", 4), Wanted("OPEN", "P:S:B", 4), Wanted("KEPT", "P:S:B", 5)],
            NoUpgrades, "t1", Now, Window);
        var insteadOfCancelling = TenantChangePlanner.PastWindowInstead(
            new PlannedChange("FRESH", new SubscriptionChange("f", Status: SubscriptionStatus.Deleted), "cancel"), fresh, TenantChangePlanner.CancellationWindowClosed);
        var insteadOfReducing = TenantChangePlanner.PastWindowInstead(
            new PlannedChange("FRESH", new SubscriptionChange("f", Quantity: 3), "reduce"), fresh with { CommitmentEndDate = renews }, TenantChangePlanner.ReductionNotAllowed);
        var insteadOfReducingUndated = TenantChangePlanner.PastWindowInstead(
            new PlannedChange("FRESH", new SubscriptionChange("f", Quantity: 3), "reduce"), fresh, TenantChangePlanner.ReductionNotAllowed);

        Assert.Equal(
            ["Suspending E3", "Cancelling FRESH inside its cancellation window", "Turning off auto-renew of OLD and suspending it (past its cancellation window)"],
            removed.Ends.Select(e => e.Why));
        Assert.Equal("Suspending E3", disabled.Changes.Single().Why);
        Assert.Equal("Reactivating E3", enabled.Changes.Single().Why);
        Assert.Equal(
            [
                "Changing E3 from 5 to 3 seats",
                "Keeping KEPT at 5 seats for its next term",
                "Scheduling OPEN to go from 5 to 4 seats when its term renews (its cancellation window closed 2026-11-28 12:00 UTC)",
                "Scheduling RENEWS to go from 5 to 4 seats when its term renews on 2026-12-21 (its cancellation window closed 2026-11-28 12:00 UTC)",
            ],
            configured.Changes.Select(c => c.Why));
        Assert.Equal("Turning off auto-renew of FRESH and suspending it (Microsoft says its cancellation window has closed)", insteadOfCancelling!.Why);
        Assert.Equal("Scheduling FRESH to go from 5 to 3 seats when its term renews on 2026-12-21 (Microsoft says its cancellation window has closed)", insteadOfReducing!.Why);
        Assert.Equal("Scheduling FRESH to go from 5 to 3 seats when its term renews (Microsoft says its cancellation window has closed)", insteadOfReducingUndated!.Why);
    }

    [Fact]
    public void A_purchase_name_belongs_to_its_tenant_only()
    {
        var name = PurchaseNames.For("O365_BUSINESS_PREMIUM", "tenant-a");

        Assert.Equal("O365_BUSINESS_PREMIUM", PurchaseNames.ProvisioningId(name, "tenant-a"));
        Assert.Null(PurchaseNames.ProvisioningId(name, "tenant-b"));
        Assert.Null(PurchaseNames.ProvisioningId("Office 365 Business Premium", "tenant-a"));
    }

    private static Dictionary<string, SubscriptionState> Own(params (string Id, SubscriptionState State)[] subscriptions) =>
        subscriptions.ToDictionary(s => s.Id, s => s.State, StringComparer.OrdinalIgnoreCase);

    private static SubscriptionState Subscription(string id, string offerId, int boughtDaysAgo, int quantity = 1) =>
        new(id, offerId, null, quantity, SubscriptionStatus.Active, true, null, "o1", Now.AddDays(-boughtDaysAgo), null, null, null);

    private static PlannedSubscription Wanted(string id, string offerId, int quantity, string? parent = null) =>
        new(id, offerId, quantity, parent, parent is null ? 0 : 1, null, "monthly");
}
