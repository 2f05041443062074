using O365Functions.Core.Provisioning.Activities;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning;

/// <summary>
/// What the tenant workflows share while one runs: calling their activities with one retry policy, turning a refusal
/// into the workflow's end, waiting for subscriptions to activate on durable timers, and reporting progress.
/// </summary>
internal sealed class TenantRun(IWorkflowContext context, TenantOperation operation, ProvisioningTimings timings, int totalSteps)
{
    /// <summary>Faults past the transport's own retries (Microsoft down for minutes, a crash) are tried again for about half an hour.</summary>
    public static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(6, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(10)));

    private int _completed;

    public IWorkflowContext Context => context;

    public TenantOperation Operation => operation;

    /// <summary>Whether the instance takes the steps of <see cref="WorkflowVersions.Commerce"/> (event subscription, notices, alerts).</summary>
    public bool TakesCommerceSteps => context.IsAtLeast(WorkflowVersions.Commerce);

    /// <summary>Shows, updates or clears a notice to the customer, in instances of a version that has the step.</summary>
    public Task NotifyAsync(CustomerNoticeStep notice) => TakesCommerceSteps ? CallAsync(NotifyCustomer.Ref, notice) : Task.CompletedTask;

    /// <summary>Moves progress on to <paramref name="step"/>.</summary>
    public void Step(string step, bool first = false)
    {
        if (!first)
        {
            _completed++;
        }

        context.SetCustomStatus(new WorkflowProgress(step, Math.Min(_completed, totalSteps - 1), totalSteps));
    }

    /// <summary>Shows <paramref name="step"/> without counting a step done.</summary>
    public void Show(string step) => context.SetCustomStatus(new WorkflowProgress(step, Math.Min(_completed, totalSteps - 1), totalSteps));

    public Task<TOutput> CallAsync<TInput, TOutput>(ActivityRef<TInput, TOutput> activity, TInput input) => context.CallAsync(activity, input, Retry);

    /// <summary>Runs an activity that may be refused; a refusal ends the workflow with <paramref name="step"/> named.</summary>
    public Task<T> RequiredAsync<TInput, T>(ActivityRef<TInput, StepOutcome<T>> activity, TInput input, string step) => context.CallRequiredAsync(activity, input, step, Retry);

    public Task SaveAsync(TenantRecord tenant, bool remove = false) => CallAsync(SaveTenant.Ref, new SaveTenantStep(operation, tenant, remove));

    public Task<IReadOnlyList<SubscriptionState>> ReadAsync(string customerId) => CallAsync(ReadSubscriptions.Ref, new SubscriptionsStep(operation, customerId));

    /// <summary>
    /// Waits on durable timers (doubling from the poll interval) until every subscription in <paramref name="ids"/> is
    /// active, reading them again after each wait; past the activation timeout the workflow ends saying which are not.
    /// </summary>
    public async Task<IReadOnlyList<SubscriptionState>> WaitActiveAsync(string customerId, IReadOnlyCollection<string> ids, IReadOnlyList<SubscriptionState> known)
    {
        var deadline = context.CurrentUtcDateTime + timings.ActivationTimeout;
        var delay = timings.ActivationPollInterval;
        var current = known;
        while (true)
        {
            var pending = ids.Where(id => current.FirstOrDefault(s => s.SubscriptionId == id)?.Status != SubscriptionStatus.Active).ToList();
            if (pending.Count == 0)
            {
                return current;
            }

            if (context.CurrentUtcDateTime >= deadline)
            {
                throw new CommerceRefusedException("Wait for activation", new CommerceRefusal("NotActivated",
                    $"Subscriptions {string.Join(", ", pending)} were still not active {timings.ActivationTimeout.TotalMinutes:0} minutes after purchase.",
                    "Check them in Partner Center; once they are active, send the request again (what was bought is not bought again)."));
            }

            Show($"Waiting for Microsoft to activate {pending.Count} subscription(s)");
            var wait = deadline - context.CurrentUtcDateTime;
            await context.CreateTimer(delay < wait ? delay : wait, CancellationToken.None);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, ProvisioningTimings.MaxActivationPollInterval.Ticks));
            current = await ReadAsync(customerId);
        }
    }

    /// <summary>
    /// Buys one depth of a plan: waits until the parents it hangs under are active, buys its lines under their purchase
    /// names (a legacy add-on into its parent's order), and records each line's subscription in
    /// <paramref name="byProvisioningId"/>. Returns the customer's subscriptions afterwards and those the level bought.
    /// </summary>
    public async Task<(IReadOnlyList<SubscriptionState> States, IReadOnlyList<string> Bought)> BuyLevelAsync(
        string customerId, int depth, IEnumerable<PlannedSubscription> level, Dictionary<string, string> byProvisioningId, IReadOnlyList<SubscriptionState> states, string? resellerMpnId)
    {
        var planned = level.ToList();
        var parents = planned.Where(p => p.ParentProvisioningId is not null).Select(p => byProvisioningId[p.ParentProvisioningId!]).Distinct().ToList();
        if (parents.Count > 0)
        {
            states = await WaitActiveAsync(customerId, parents, states);
        }

        var lines = planned.Select(p =>
        {
            var parent = p.ParentProvisioningId is null || p.IsNewCommerce ? null : byProvisioningId[p.ParentProvisioningId];
            return new PurchaseLine(p.ProvisioningId, p.OfferId, p.Quantity, PurchaseNames.For(p.ProvisioningId, operation.TenantApsId), parent, p.TermDuration, p.BillingCycle,
                parent is null ? null : states.FirstOrDefault(s => s.SubscriptionId == parent)?.OrderId);
        }).ToList();
        states = await RequiredAsync(PurchaseSubscriptions.Ref,
            new PurchaseStep(operation, $"purchase-level-{depth}", customerId, lines, resellerMpnId), $"Buy {string.Join(", ", lines.Select(l => l.ProvisioningId))}");
        var bought = new List<string>();
        foreach (var line in lines)
        {
            byProvisioningId[line.ProvisioningId] = Purchased(states, line).SubscriptionId;
            bought.Add(byProvisioningId[line.ProvisioningId]);
        }

        return (states, bought);
    }

    /// <summary>
    /// The subscription a purchase made: the newest live one with the line's name (an older one of that name is an
    /// earlier purchase that was ended).
    /// </summary>
    public static SubscriptionState Purchased(IReadOnlyList<SubscriptionState> states, PurchaseLine line) =>
        states.Where(s => s.FriendlyName == line.FriendlyName && IsLive(s)).OrderByDescending(s => s.CreatedAt).FirstOrDefault()
        ?? throw new InvalidOperationException($"Partner Center lists no live subscription named '{line.FriendlyName}' after buying it.");

    /// <summary>Active or on its way to be.</summary>
    public static bool IsLive(SubscriptionState state) =>
        state.Status is SubscriptionStatus.Active or SubscriptionStatus.Pending;

    /// <summary>The records of the subscriptions in <paramref name="states"/> that carry a purchase name of this tenant.</summary>
    public IReadOnlyList<SubscriptionRecord> Records(IEnumerable<SubscriptionState> states) =>
        [.. states
            .Where(s => PurchaseNames.ProvisioningId(s.FriendlyName, operation.TenantApsId) is not null)
            .Select(s => new SubscriptionRecord(
                PurchaseNames.ProvisioningId(s.FriendlyName, operation.TenantApsId)!, s.SubscriptionId, s.OfferId, s.Quantity, s.Status,
                s.ParentSubscriptionId, s.AutoRenewEnabled, s.ScheduledQuantity, s.ScheduledQuantity is null ? null : s.CommitmentEndDate))];
}
