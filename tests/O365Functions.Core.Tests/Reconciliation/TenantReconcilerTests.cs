using O365Functions.Core.Provisioning;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.State.Records;

namespace O365Functions.Core.Tests.Reconciliation;

public sealed class TenantReconcilerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TenantRecord Tenant = new("i1", "t1", "c1", "contoso.onmicrosoft.com", "Contoso", "US", TenantStatus.Active,
        [new SubscriptionRecord("BP", "s1", "031c9e47", 10, SubscriptionStatus.Active), new SubscriptionRecord("ATP", "s2", "a2706f86", 2, SubscriptionStatus.Active, "s1")]);

    [Fact]
    public void A_subscription_Microsoft_does_not_list_in_a_whole_read_is_kept_and_needs_a_person()
    {
        var (report, tenant) = TenantReconciler.Reconcile(Tenant, new SubscriptionListing([State("s1", "031c9e47", 10)], 1), At);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("s2", FindingAction.NeedsPerson), (finding.SubscriptionId, finding.Action));
        Assert.Equal(2, tenant.Subscriptions.Count);
    }

    [Fact]
    public void A_whole_read_fixes_seats_and_status_and_adds_the_gateways_own_unrecorded_purchase_but_not_others()
    {
        var listing = new SubscriptionListing(
        [
            State("s1", "031c9e47", 12) with { Status = SubscriptionStatus.Suspended },
            State("s2", "a2706f86", 2),
            State("s3", "53fc25f7", 1) with { FriendlyName = PurchaseNames.For("EFS", "t1") },
            State("s4", "796b6b5f", 5) with { FriendlyName = "bought in the portal" },
        ], 4);

        var (report, tenant) = TenantReconciler.Reconcile(Tenant, listing, At);

        Assert.Equal(3, report.Findings.Count(f => f.Action == FindingAction.Fixed));
        Assert.Equal(FindingAction.Noted, report.Findings.Single(f => f.SubscriptionId == "s4").Action);
        Assert.Equal((12, SubscriptionStatus.Suspended), (tenant.Subscriptions[0].Quantity, tenant.Subscriptions[0].Status));
        Assert.Equal(["BP", "ATP", "EFS"], tenant.Subscriptions.Select(s => s.ProvisioningId));
    }

    [Fact]
    public void A_partial_read_changes_nothing()
    {
        var (report, tenant) = TenantReconciler.Reconcile(Tenant, new SubscriptionListing([State("s1", "031c9e47", 3)], 2), At);

        Assert.False(report.ReadComplete);
        Assert.All(report.Findings, f => Assert.Equal(FindingAction.Noted, f.Action));
        Assert.Same(Tenant, tenant);
    }

    private static SubscriptionState State(string id, string offerId, int quantity) =>
        new(id, offerId, null, quantity, SubscriptionStatus.Active, true, null, "o1", At.AddDays(-3), null, null, null);
}
