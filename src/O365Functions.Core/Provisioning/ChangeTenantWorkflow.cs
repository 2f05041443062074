using O365Functions.Core.Provisioning.Activities;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning;

/// <summary>The input of <see cref="ChangeTenantWorkflow"/>.</summary>
/// <param name="Kind">What is asked.</param>
/// <param name="Tenant">The tenant's record when the change was accepted.</param>
/// <param name="Plan">The subscriptions wanted (for <see cref="TenantChangeKind.Configure"/>).</param>
/// <param name="Timings">Waits and the cancellation window.</param>
/// <param name="LicensePaths">Each license type's upgrade targets and trial offer when the change was accepted, by provisioning id.</param>
public sealed record ChangeTenantInput(
    TenantChangeKind Kind, TenantRecord Tenant, IReadOnlyList<PlannedSubscription> Plan, ProvisioningTimings Timings, IReadOnlyDictionary<string, LicensePaths>? LicensePaths = null);

/// <summary>Where a license type's subscription may go other than up or down in seats.</summary>
/// <param name="PossibleUpgrades">The license types it may be upgraded to.</param>
/// <param name="TrialOfferId">Its trial offer, which converts to the type's paid offer.</param>
public sealed record LicensePaths(IReadOnlyList<string> PossibleUpgrades, string? TrialOfferId);

/// <summary>
/// Changes an existing tenant: configure (quantities, add-ons bought or ended), follow its subscription's limits after a
/// limits-changed event, disable, enable, or remove. It reads the subscriptions from Partner Center first and plans
/// with <see cref="TenantChangePlanner"/>; a reduction Microsoft allows only at renewal is scheduled for it and raised
/// to the provider's operators. Removal ends every subscription and forgets the tenant; the Microsoft customer is never
/// deleted.
/// </summary>
public static class ChangeTenantWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "ChangeTenant";

    /// <summary>How many times one run reads the limits again for events that arrived while it applied the last ones.</summary>
    private const int MaxLimitRounds = 5;

    /// <summary>The workflow: its output is the tenant's record afterwards.</summary>
    public static async Task<TenantRecord> RunAsync(Workflows.IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<ChangeTenantInput>() ?? throw new InvalidOperationException($"{Name} needs a {nameof(ChangeTenantInput)}.");
        if (input.Kind != TenantChangeKind.LimitsChanged)
        {
            return await ApplyAsync(context, input, reading: null);
        }

        // Events that arrive while the limits are applied are counted; one more round reads the limits they changed.
        var tenant = input.Tenant;
        for (var round = 1; ; round++)
        {
            var operation = new TenantOperation(tenant.InstanceId, tenant.ApsId, context.InstanceId);
            var reading = await context.CallRequiredAsync(ReadSeatLimits.Ref, new SeatLimitsStep(operation, tenant), "Read the subscription's limits from Commerce", TenantRun.Retry);
            tenant = await ApplyAsync(context, input with { Tenant = tenant }, reading);
            var more = await context.CallAsync(MarkSeatLimitsApplied.Ref, new SeatLimitsAppliedStep(operation, reading.EventsRead), TenantRun.Retry);
            if (!more || round >= MaxLimitRounds)
            {
                return tenant;
            }
        }
    }

    private static async Task<TenantRecord> ApplyAsync(Workflows.IWorkflowContext context, ChangeTenantInput input, SeatReading? reading)
    {
        var tenant = reading is null ? input.Tenant : input.Tenant with { SeatLimits = reading.Limits };
        var wanted = reading?.Plan ?? input.Plan;
        var kind = reading is null ? input.Kind : TenantChangeKind.Configure;
        var customerId = tenant.MicrosoftTenantId ?? throw new InvalidOperationException($"Tenant {tenant.ApsId} has no Microsoft customer yet.");
        var operation = new TenantOperation(tenant.InstanceId, tenant.ApsId, context.InstanceId);
        var levels = wanted.Select(p => p.Depth).Distinct().Count();
        var run = new TenantRun(context, operation, input.Timings, 3 + levels);

        run.Step("Reading the subscriptions from Partner Center", first: true);
        var states = await run.ReadAsync(customerId);
        var own = Own(tenant, states);
        var plan = TenantChangePlanner.Plan(
            kind, own, wanted, reading?.LicensePaths ?? input.LicensePaths ?? new Dictionary<string, LicensePaths>(), tenant.ApsId, context.CurrentUtcDateTime, input.Timings.CancellationWindow);
        var deferred = plan.Changes.Where(c => c.Change.Quantity is null && c.Change.ScheduledQuantity < own[c.ProvisioningId].Quantity).Select(c => c.Why).ToList();
        var atRenewal = AtRenewal(deferred);
        if (atRenewal is not null && !run.TakesCommerceSteps)
        {
            // Instances of the first version refused such a change before anything was sent, and replay the same way.
            throw new CommerceRefusedException("Plan the change", new CommerceRefusal("ChangeNotAllowed", atRenewal, "Nothing was changed; keep the quantity until the term renews, then reduce it."));
        }

        run.Step("Changing the subscriptions");
        var step = 0;
        foreach (var (upgrade, quantity) in plan.Upgrades)
        {
            var why = $"Upgrading {upgrade.FromProvisioningId} to {upgrade.ToProvisioningId}";
            run.Show(why);
            var upgraded = await run.RequiredAsync(UpgradeSubscription.Ref,
                new UpgradeStep(operation, $"upgrade-{upgrade.FromProvisioningId}", customerId, upgrade), why);
            if (upgraded.Quantity != quantity)
            {
                upgraded = await run.RequiredAsync(ChangeSubscription.Ref,
                    new ChangeStep(operation, $"upgrade-{upgrade.FromProvisioningId}-quantity", customerId, new SubscriptionChange(upgraded.SubscriptionId, Quantity: quantity)),
                    $"Changing {upgrade.ToProvisioningId} to {quantity} seats");
            }

            states = [.. states.Where(s => s.SubscriptionId != upgraded.SubscriptionId), upgraded];
        }

        foreach (var conversion in plan.Conversions)
        {
            var why = $"Converting the trial of {conversion.ProvisioningId} to the paid offer";
            run.Show(why);
            var paid = await run.RequiredAsync(ConvertTrial.Ref,
                new ConversionStep(operation, $"convert-{conversion.ProvisioningId}", customerId, conversion), why);
            states = [.. states.Where(s => s.SubscriptionId != paid.SubscriptionId), paid];
        }

        foreach (var change in plan.Ends.Concat(plan.Changes))
        {
            run.Show(change.Why);
            var outcome = await run.CallAsync(ChangeSubscription.Ref, new ChangeStep(operation, $"change-{step++}-{change.ProvisioningId}", customerId, change.Change));
            if (outcome.Refusal is { } refusal && run.TakesCommerceSteps
                && TenantChangePlanner.PastWindowInstead(change, own[change.ProvisioningId], refusal.Code) is { } instead)
            {
                run.Show(instead.Why);
                deferred.AddRange(instead.Change.ScheduledQuantity is null ? [] : [instead.Why]);
                outcome = await run.CallAsync(ChangeSubscription.Ref, new ChangeStep(operation, $"change-{step++}-{change.ProvisioningId}-past-window", customerId, instead.Change));
            }

            var changed = outcome.Refusal is { } final ? throw new CommerceRefusedException(change.Why, final) : outcome.Value!;
            states = [.. states.Select(s => s.SubscriptionId == changed.SubscriptionId ? changed : s)];
        }

        atRenewal = AtRenewal(deferred);

        var byProvisioningId = own.ToDictionary(pair => pair.Key, pair => pair.Value.SubscriptionId, StringComparer.OrdinalIgnoreCase);
        states = await BuyAsync(run, tenant, customerId, plan.Purchases, byProvisioningId, states);

        run.Step("Recording the tenant");
        if (kind == TenantChangeKind.Remove)
        {
            if (run.TakesCommerceSteps)
            {
                await run.CallAsync(UnsubscribeFromLimitChanges.Ref, new SeatLimitsStep(operation, tenant));
            }

            await run.SaveAsync(tenant, remove: true);
            return tenant with { Status = TenantStatus.Removed, Subscriptions = [] };
        }

        var ended = plan.Ends.Select(e => e.Change.SubscriptionId)
            .Concat(plan.Upgrades.Select(u => u.Upgrade.SubscriptionId))
            .Concat(plan.Conversions.Select(c => c.TrialSubscriptionId))
            .ToHashSet(StringComparer.Ordinal);
        var remaining = tenant with { Subscriptions = [.. tenant.Subscriptions.Where(s => !ended.Contains(s.SubscriptionId))] };
        var updated = tenant with
        {
            Status = kind == TenantChangeKind.Disable ? TenantStatus.Suspended : TenantStatus.Active,
            Subscriptions = run.Records(Own(remaining, states).Values.Where(s => !ended.Contains(s.SubscriptionId))),
            StatusMessage = atRenewal,
        };
        await run.SaveAsync(updated);
        if (updated.StatusMessage is { } later && run.TakesCommerceSteps)
        {
            // Shown in the operations list (the workflow's last step) and raised in the provider's panel.
            run.Show(later);
            await run.CallAsync(AlertOperator.Ref, new OperatorAlertStep(operation, "warning", $"Microsoft 365 tenant {tenant.InitialDomain ?? tenant.ApsId}: {later}"));
        }

        return updated;
    }

    /// <summary>What the tenant's status says of the reductions that wait for the term's renewal, or null when none do.</summary>
    private static string? AtRenewal(List<string> deferred) =>
        deferred.Count == 0 ? null : $"Microsoft allows these only when the term renews: {string.Join("; ", deferred)}.";

    /// <summary>
    /// The tenant's own subscriptions by provisioning id: those its record holds, and those bought under its purchase
    /// names that are still live (bought by a change interrupted before it recorded them).
    /// </summary>
    private static Dictionary<string, SubscriptionState> Own(TenantRecord tenant, IReadOnlyList<SubscriptionState> states)
    {
        var own = new Dictionary<string, SubscriptionState>(StringComparer.OrdinalIgnoreCase);
        foreach (var state in states)
        {
            if (state.Status == SubscriptionStatus.Deleted)
            {
                continue;
            }

            var recorded = tenant.Subscriptions.FirstOrDefault(s => s.SubscriptionId == state.SubscriptionId)?.ProvisioningId;
            var named = PurchaseNames.ProvisioningId(state.FriendlyName, tenant.ApsId);
            if ((recorded ?? (TenantRun.IsLive(state) ? named : null)) is { } id)
            {
                own[id] = state;
            }
        }

        return own;
    }

    private static async Task<IReadOnlyList<SubscriptionState>> BuyAsync(
        TenantRun run, TenantRecord tenant, string customerId, IReadOnlyList<PlannedSubscription> purchases, Dictionary<string, string> byProvisioningId, IReadOnlyList<SubscriptionState> states)
    {
        var bought = new List<string>();
        foreach (var level in purchases.GroupBy(p => p.Depth).OrderBy(l => l.Key))
        {
            run.Step(level.Key == 0 ? "Buying the new licenses" : $"Buying the new add-ons of level {level.Key}");
            (states, var levelBought) = await run.BuyLevelAsync(customerId, level.Key, level, byProvisioningId, states, tenant.ResellerMpnId);
            bought.AddRange(levelBought);
        }

        return bought.Count == 0 ? states : await run.WaitActiveAsync(customerId, bought, states);
    }
}
