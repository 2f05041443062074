using O365Functions.Core.Provisioning.Activities;
using O365Functions.Core.State.Records;

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
/// Changes an existing tenant: configure (quantities, add-ons bought or ended), disable, enable, or remove. It reads the
/// subscriptions from Partner Center first and plans with <see cref="TenantChangePlanner"/>; a change the rules refuse
/// is refused before anything is sent. Removal ends every subscription and forgets the tenant; the Microsoft customer
/// is never deleted.
/// </summary>
public static class ChangeTenantWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "ChangeTenant";

    /// <summary>The workflow: its output is the tenant's record afterwards.</summary>
    public static async Task<TenantRecord> RunAsync(Workflows.IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<ChangeTenantInput>() ?? throw new InvalidOperationException($"{Name} needs a {nameof(ChangeTenantInput)}.");
        var tenant = input.Tenant;
        var customerId = tenant.MicrosoftTenantId ?? throw new InvalidOperationException($"Tenant {tenant.ApsId} has no Microsoft customer yet.");
        var operation = new TenantOperation(tenant.InstanceId, tenant.ApsId, context.InstanceId);
        var levels = input.Plan.Select(p => p.Depth).Distinct().Count();
        var run = new TenantRun(context, operation, input.Timings, 3 + levels);

        run.Step("Reading the subscriptions from Partner Center", first: true);
        var states = await run.ReadAsync(customerId);
        var own = Own(tenant, states);
        var plan = TenantChangePlanner.Plan(
            input.Kind, own, input.Plan, input.LicensePaths ?? new Dictionary<string, LicensePaths>(), tenant.ApsId, context.CurrentUtcDateTime, input.Timings.CancellationWindow);
        if (plan.Refusals.Count > 0)
        {
            throw new CommerceRefusedException("Plan the change", new CommerceRefusal("ChangeNotAllowed", string.Join(" ", plan.Refusals), "Nothing was changed; correct the request and send it again."));
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
            var changed = await run.RequiredAsync(ChangeSubscription.Ref,
                new ChangeStep(operation, $"change-{step++}-{change.ProvisioningId}", customerId, change.Change), change.Why);
            states = [.. states.Select(s => s.SubscriptionId == changed.SubscriptionId ? changed : s)];
        }

        var byProvisioningId = own.ToDictionary(pair => pair.Key, pair => pair.Value.SubscriptionId, StringComparer.OrdinalIgnoreCase);
        states = await BuyAsync(run, tenant, customerId, plan.Purchases, byProvisioningId, states);

        run.Step("Recording the tenant");
        if (input.Kind == TenantChangeKind.Remove)
        {
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
            Status = input.Kind == TenantChangeKind.Disable ? TenantStatus.Suspended : TenantStatus.Active,
            Subscriptions = run.Records(Own(remaining, states).Values.Where(s => !ended.Contains(s.SubscriptionId))),
            StatusMessage = null,
        };
        await run.SaveAsync(updated);
        return updated;
    }

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
