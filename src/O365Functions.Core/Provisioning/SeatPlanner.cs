using O365Functions.Core.Callbacks;
using O365Functions.Core.Catalog;
using O365Functions.Core.State.Records;

namespace O365Functions.Core.Provisioning;

/// <summary>A problem with the seats a subscription's limits ask for.</summary>
/// <param name="Code">The kind of problem, such as <c>UnlimitedResource</c>.</param>
/// <param name="Field">What it is about: <c>seats.{provisioningId}</c>.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Offers">The provisioning ids the fix involves, when there are any.</param>
public sealed record SeatProblem(string Code, string Field, string Message, IReadOnlyList<string>? Offers = null);

/// <summary>The plan a subscription's limits ask for, or every problem with them.</summary>
/// <param name="Plan">The subscriptions wanted, parents before add-ons; empty when there are problems.</param>
/// <param name="Problems">Why the limits cannot be bought.</param>
/// <param name="LicensePaths">Each license type's upgrade targets and trial offer, for a change to upgrade or convert.</param>
/// <param name="Limits">The limit read for each of the instance's types the subscription sells, by provisioning id.</param>
public sealed record SeatPlan(
    IReadOnlyList<PlannedSubscription> Plan, IReadOnlyList<SeatProblem> Problems, IReadOnlyDictionary<string, LicensePaths> LicensePaths, IReadOnlyDictionary<string, long> Limits);

/// <summary>
/// Turns the limits of the customer's Commerce subscription into the subscriptions the tenant should hold. Each entry
/// that references one of the instance's license or add-on types gives that offer's seats: an unlimited one is refused
/// (Microsoft sells counted seats), 0 or a missing entry means not bought, and ending an offer whose licenses users of
/// the tenant still hold is refused naming them. The catalog's rules (parents, quantities, withdrawn offers, trials)
/// then apply as to any order.
/// </summary>
public static class SeatPlanner
{
    /// <summary>Plans the seats <paramref name="limits"/> ask for.</summary>
    /// <param name="types">The instance's license and add-on types.</param>
    /// <param name="limits">The subscription's entries for those types.</param>
    /// <param name="trials">License types to buy as their trial offer.</param>
    /// <param name="defaultBillingCycle">The instance's billing cycle.</param>
    /// <param name="users">The tenant's users (none for a new tenant), whose licenses hold an offer that would end.</param>
    /// <param name="newOrder">Whether this is a new tenant, for which withdrawn offers are refused.</param>
    public static SeatPlan Plan(
        IReadOnlyList<OfferTypeRecord> types,
        IReadOnlyList<SubscriptionResourceLimit> limits,
        IReadOnlySet<string> trials,
        string defaultBillingCycle,
        IReadOnlyList<UserRecord> users,
        bool newOrder)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(users);
        var paths = PathsOf(types);
        var problems = new List<SeatProblem>();
        var byApsId = types.Where(t => t.ApsId is not null).ToDictionary(t => t.ApsId!, StringComparer.OrdinalIgnoreCase);
        var read = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in limits)
        {
            var type = byApsId[entry.ApsId];
            if (entry.Limit is not { } limit)
            {
                problems.Add(new("UnlimitedResource", Field(type.ProvisioningId),
                    $"Commerce resource type '{entry.Title ?? entry.ApsId}' sells {type.Name} without a limit, and Microsoft sells counted seats. Set a limit on that resource type in the service plan."));
                continue;
            }

            read[type.ProvisioningId] = limit;
        }

        var requests = read.Where(pair => pair.Value > 0).Select(pair => new OfferRequest(pair.Key, (int)Math.Min(pair.Value, int.MaxValue))).ToList();
        foreach (var held in users.SelectMany(u => u.Licenses.Select(l => (License: l, User: u.UserPrincipalName)))
            .Where(pair => !requests.Any(r => string.Equals(r.ProvisioningId, pair.License, StringComparison.OrdinalIgnoreCase)))
            .GroupBy(pair => pair.License, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new("LicensesAssigned", Field(held.Key),
                $"{held.Key} would no longer be bought, but users still hold its licenses: {string.Join(", ", held.Select(h => h.User).Order(StringComparer.Ordinal))}. " +
                "Take the license from those users first, or keep a limit for it in the subscription."));
        }

        var resolved = new PurchasePlanResolver(new OfferCatalog(types.Select(InstanceCatalogs.ToOfferType))).Resolve(requests);
        problems.AddRange(resolved.Errors.Select(e => new SeatProblem(e.Code.ToString(), Field(e.ProvisioningId), e.Message, e.Offers.Count > 0 ? e.Offers : null)));
        foreach (var id in trials.Where(id => Type(types, id)?.TrialOfferId is null))
        {
            problems.Add(new("NoTrial", "trialLicenses",
                $"'{id}' has no trial offer: only a license type with a trialOfferId can be ordered as a trial. Remove it from 'trialLicenses' or set the type's trialOfferId."));
        }

        if (newOrder)
        {
            foreach (var gone in requests.Select(r => Type(types, r.ProvisioningId)).Where(t => t?.Withdrawn == true))
            {
                problems.Add(new("OfferWithdrawn", Field(gone!.ProvisioningId),
                    $"Microsoft no longer sells '{gone.Name}' ({gone.OfferId}); take it out of the service plan, or replace the type's offerId with the offer that succeeds it."));
            }
        }

        if (problems.Count > 0)
        {
            return new SeatPlan([], problems, paths, read);
        }

        var plan = resolved.Plan!.Purchases.Select(purchase =>
        {
            var type = Type(types, purchase.Offer.ProvisioningId)!;
            var trial = trials.Contains(type.ProvisioningId);
            return new PlannedSubscription(type.ProvisioningId, trial ? type.TrialOfferId! : type.OfferId, purchase.Quantity, purchase.ParentProvisioningId, purchase.Depth,
                type.TermDuration, type.BillingCycle ?? defaultBillingCycle, trial);
        }).ToList();
        return new SeatPlan(plan, [], paths, read);
    }

    /// <summary>The ids of the types a subscription's entries may reference.</summary>
    public static IReadOnlySet<string> TypeApsIds(IEnumerable<OfferTypeRecord> types) =>
        types.Where(t => t.ApsId is not null).Select(t => t.ApsId!).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static OfferTypeRecord? Type(IReadOnlyList<OfferTypeRecord> types, string provisioningId) =>
        types.FirstOrDefault(t => string.Equals(t.ProvisioningId, provisioningId, StringComparison.OrdinalIgnoreCase));

    private static string Field(string provisioningId) => $"seats.{provisioningId}";

    private static Dictionary<string, LicensePaths> PathsOf(IEnumerable<OfferTypeRecord> types) =>
        types
            .Where(t => t.Kind == InstanceCatalogs.LicenseKind && (t.PossibleUpgrades.Count > 0 || t.TrialOfferId is not null))
            .GroupBy(t => t.ProvisioningId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new LicensePaths(g.First().PossibleUpgrades, g.First().TrialOfferId), StringComparer.OrdinalIgnoreCase);
}
