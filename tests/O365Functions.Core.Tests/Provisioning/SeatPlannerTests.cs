using O365Functions.Core.Callbacks;
using O365Functions.Core.Catalog;
using O365Functions.Core.Provisioning;
using O365Functions.Core.State.Records;

namespace O365Functions.Core.Tests.Provisioning;

/// <summary>What a Commerce subscription's limits turn into: the subscriptions a tenant should hold, or every problem with them.</summary>
public sealed class SeatPlannerTests
{
    private static readonly OfferTypeRecord Premium = License("premium", "Business Premium", "CFQ7TTC0LCHC:0002:CFQ7TTC0KHK5") with
    {
        ApsId = "rt-premium", TrialOfferId = "CFQ7TTC0LCHC:0002:TRIAL", PossibleUpgrades = ["e5"], TermDuration = "P1Y", BillingCycle = "annual",
    };

    private static readonly OfferTypeRecord E5 = License("e5", "Office 365 E5", "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF") with { ApsId = "rt-e5" };

    private static readonly OfferTypeRecord Audio = new(
        "instance", InstanceCatalogs.AddonKind, "audio", "Audio Conferencing", "CFQ7TTC0LF8S:0002:AUDIO", null, true, [], ["premium", "e5"], 1, 300, "rt-audio");

    private static readonly OfferTypeRecord Exchange = License("exchange", "Exchange Online", "CFQ7TTC0LH16:0001:EXCH") with { ApsId = "rt-exchange" };

    private static readonly OfferTypeRecord[] Types = [Premium, E5, Audio, Exchange];

    [Fact]
    public void Each_limit_above_zero_is_bought_with_its_type_s_term_and_cycle_and_add_ons_under_their_parent()
    {
        var seats = Plan([Limit(Premium, 5), Limit(Audio, 2), Limit(E5, 0)]);

        Assert.Empty(seats.Problems);
        Assert.Equal(
            [
                new PlannedSubscription("premium", Premium.OfferId, 5, null, 0, "P1Y", "annual"),
                new PlannedSubscription("audio", Audio.OfferId, 2, "premium", 1, null, "monthly"),
            ],
            seats.Plan);
        Assert.Equal(new Dictionary<string, long> { ["premium"] = 5, ["audio"] = 2, ["e5"] = 0 }, seats.Limits);
    }

    [Fact]
    public void Only_license_types_with_an_upgrade_or_a_trial_have_license_paths()
    {
        var seats = Plan([Limit(Premium, 1)]);

        var paths = Assert.Single(seats.LicensePaths);
        Assert.Equal("premium", paths.Key);
        Assert.Equal(["e5"], paths.Value.PossibleUpgrades);
        Assert.Equal("CFQ7TTC0LCHC:0002:TRIAL", paths.Value.TrialOfferId);
        Assert.True(seats.LicensePaths.ContainsKey("PREMIUM"), "License paths are read by provisioning id in any casing.");
    }

    [Fact]
    public void A_license_type_with_a_trial_and_no_upgrade_or_an_upgrade_and_no_trial_has_license_paths()
    {
        OfferTypeRecord[] types = [E5 with { TrialOfferId = "E5:TRIAL" }, Exchange with { PossibleUpgrades = ["e5"] }];

        var seats = SeatPlanner.Plan(types, [Limit(E5, 1)], new HashSet<string>(), "monthly", [], newOrder: true);

        Assert.Equal(["e5", "exchange"], seats.LicensePaths.Keys.Order());
        Assert.Equal(("E5:TRIAL", (string?)null), (seats.LicensePaths["e5"].TrialOfferId, seats.LicensePaths["exchange"].TrialOfferId));
    }

    [Fact]
    public void An_unlimited_entry_is_refused_by_its_title_or_else_its_id_and_nothing_is_planned()
    {
        var seats = Plan([Limit(Premium, 5), new SubscriptionResourceLimit("rt-e5", "E5 seats", null), new SubscriptionResourceLimit("rt-exchange", null, null)]);

        Assert.Empty(seats.Plan);
        Assert.Equal(["UnlimitedResource", "UnlimitedResource"], seats.Problems.Select(p => p.Code));
        Assert.Equal(["seats.e5", "seats.exchange"], seats.Problems.Select(p => p.Field));
        Assert.StartsWith("Commerce resource type 'E5 seats' sells Office 365 E5 without a limit", seats.Problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("Commerce resource type 'rt-exchange' sells Exchange Online without a limit", seats.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, long> { ["premium"] = 5 }, seats.Limits);
    }

    [Fact]
    public void Ending_an_offer_whose_licenses_users_hold_is_refused_naming_the_users_in_order()
    {
        var users = new[] { User("zoe@contoso.example", "e5"), User("adam@contoso.example", "e5", "premium"), User("kim@contoso.example", "premium") };

        var seats = Plan([Limit(Premium, 3), Limit(E5, 0)], users: users);

        var problem = Assert.Single(seats.Problems);
        Assert.Equal(("LicensesAssigned", "seats.e5"), (problem.Code, problem.Field));
        Assert.StartsWith("e5 would no longer be bought, but users still hold its licenses: adam@contoso.example, zoe@contoso.example. ", problem.Message, StringComparison.Ordinal);
        Assert.Empty(seats.Plan);
    }

    [Fact]
    public void Licenses_held_of_an_offer_kept_in_any_casing_are_no_problem()
    {
        var seats = Plan([Limit(Premium, 3)], users: [User("adam@contoso.example", "PREMIUM")]);

        Assert.Empty(seats.Problems);
    }

    [Fact]
    public void A_trial_is_bought_as_its_type_s_trial_offer_and_a_type_without_one_cannot_be_a_trial()
    {
        var trial = Plan([Limit(Premium, 1)], trials: new HashSet<string> { "premium" });
        var none = Plan([Limit(E5, 1)], trials: new HashSet<string> { "e5" });
        var unknown = Plan([Limit(E5, 1)], trials: new HashSet<string> { "no-such-type" });

        Assert.Equal(("CFQ7TTC0LCHC:0002:TRIAL", true), (trial.Plan.Single().OfferId, trial.Plan.Single().Trial));
        var problem = Assert.Single(none.Problems);
        Assert.Equal(("NoTrial", "trialLicenses"), (problem.Code, problem.Field));
        Assert.StartsWith("'e5' has no trial offer", problem.Message, StringComparison.Ordinal);
        Assert.Equal("NoTrial", Assert.Single(unknown.Problems).Code);
    }

    [Fact]
    public void A_withdrawn_offer_is_refused_for_a_new_tenant_and_kept_for_one_that_holds_it()
    {
        OfferTypeRecord[] types = [Premium, E5 with { Withdrawn = true }];

        var order = SeatPlanner.Plan(types, [Limit(E5, 2)], new HashSet<string>(), "monthly", [], newOrder: true);
        var change = SeatPlanner.Plan(types, [Limit(E5, 2)], new HashSet<string>(), "monthly", [], newOrder: false);

        var problem = Assert.Single(order.Problems);
        Assert.Equal(("OfferWithdrawn", "seats.e5"), (problem.Code, problem.Field));
        Assert.Contains("'Office 365 E5' (CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF)", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["e5"], change.Plan.Select(p => p.ProvisioningId));
    }

    [Fact]
    public void The_catalog_s_refusals_are_problems_naming_the_offers_that_would_fix_them()
    {
        var orphan = Plan([Limit(Audio, 2)]);
        var tooMany = Plan([Limit(Premium, 301)]);

        var missing = Assert.Single(orphan.Problems);
        Assert.Equal((nameof(CatalogErrorCode.MissingAncestor), "seats.audio"), (missing.Code, missing.Field));
        Assert.Equal(["premium", "e5"], missing.Offers);
        var quantity = Assert.Single(tooMany.Problems);
        Assert.Equal((nameof(CatalogErrorCode.QuantityOutOfRange), "seats.premium", null), (quantity.Code, quantity.Field, quantity.Offers));
    }

    [Fact]
    public void The_ids_a_subscription_may_reference_are_the_types_APS_ids_in_any_casing()
    {
        var ids = SeatPlanner.TypeApsIds([.. Types, License("unpublished", "Not in APS", "X")]);

        Assert.Equal(4, ids.Count);
        Assert.Contains("RT-PREMIUM", ids);
    }

    private static SeatPlan Plan(IReadOnlyList<SubscriptionResourceLimit> limits, IReadOnlySet<string>? trials = null, IReadOnlyList<UserRecord>? users = null) =>
        SeatPlanner.Plan(Types, limits, trials ?? new HashSet<string>(), "monthly", users ?? [], newOrder: true);

    private static SubscriptionResourceLimit Limit(OfferTypeRecord type, long seats) => new(type.ApsId!, type.Name, seats);

    private static OfferTypeRecord License(string id, string name, string offerId) =>
        new("instance", InstanceCatalogs.LicenseKind, id, name, offerId, null, true, [], [], 1, 300);

    private static UserRecord User(string upn, params string[] licenses) => new("instance", "tenant", upn, null, upn, licenses);
}
