using O365Functions.Core.Directory;
using O365Functions.Core.Provisioning.Activities;
using O365Functions.Core.State.Records;
using O365Functions.Core.Vocabulary;
using O365Functions.Core.Workflows;

namespace O365Functions.Core.Provisioning;

/// <summary>The input of <see cref="ProvisionTenantWorkflow"/>.</summary>
/// <param name="Order">The tenant ordered.</param>
/// <param name="Timings">Waits and windows.</param>
/// <param name="AdminAccess">The GDAP relationship to ask the customer for, or null for none.</param>
public sealed record ProvisionTenantInput(TenantOrder Order, ProvisioningTimings Timings, AdminAccessPlan? AdminAccess = null);

/// <summary>The admin access (GDAP) a tenant workflow asks the customer for.</summary>
/// <param name="SecurityGroupId">The partner's security group the roles go to.</param>
/// <param name="RoleIds">The Entra role template ids.</param>
/// <param name="Duration">How long the relationship lasts.</param>
public sealed record AdminAccessPlan(string SecurityGroupId, IReadOnlyList<string> RoleIds, TimeSpan Duration);

/// <summary>
/// Makes a tenant: the customer (a new organization, or an existing one once its admin accepts the reseller
/// relationship), the Microsoft Customer Agreement attestation, the plan's subscriptions level by level (a parent is
/// active before its add-ons are bought), and waits until every subscription is active. The tenant's record is written
/// as soon as the customer exists and again at the end; a refusal ends the workflow with the step, Microsoft's answer,
/// what to do, and what had been bought.
/// </summary>
public static class ProvisionTenantWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "ProvisionTenant";

    /// <summary>The event a webhook raises when the customer accepted the reseller relationship (the wait also polls).</summary>
    public const string RelationshipAccepted = "RelationshipAccepted";

    /// <summary>The event that wakes the wait for GDAP approval early (the wait also polls).</summary>
    public const string AdminAccessApproved = "AdminAccessApproved";

    /// <summary>The workflow: its output is the tenant's record.</summary>
    public static async Task<TenantRecord> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<ProvisionTenantInput>() ?? throw new InvalidOperationException($"{Name} needs a {nameof(ProvisionTenantInput)}.");
        var order = input.Order;
        var operation = new TenantOperation(order.InstanceId, order.TenantApsId, context.InstanceId);
        var levels = order.Plan.GroupBy(p => p.Depth).OrderBy(level => level.Key).ToList();
        var run = new TenantRun(context, operation, input.Timings, 3 + levels.Count + (order.ExistingTenantDomain is null ? 0 : 1) + (input.AdminAccess is null ? 0 : 1));
        var tenant = new TenantRecord(order.InstanceId, order.TenantApsId, null, order.Domain, order.CompanyName, order.Country.ToUpperInvariant(), TenantStatus.Provisioning, [],
            ResellerMpnId: order.ResellerMpnId, AccountApsId: order.Commerce?.AccountApsId, SubscriptionApsId: order.Commerce?.SubscriptionApsId, SeatLimits: order.Commerce?.SeatLimits);
        var bought = new List<SubscriptionState>();
        try
        {
            var customer = order.ExistingTenantDomain is null
                ? await CreateAsync(run, order)
                : await LinkAsync(run, order, input.Timings, tenant);
            tenant = tenant with { MicrosoftTenantId = customer.CustomerId, InitialDomain = customer.Domain, AdminLogin = customer.AdminLogin, Status = TenantStatus.Provisioning };
            AdminAccess? access = null;
            if (input.AdminAccess is { } plan)
            {
                // Asked for at once, so the customer's admin can approve it while the subscriptions are bought.
                access = await run.RequiredAsync(RequestAdminAccess.Ref,
                    new AdminAccessStep(operation, customer.CustomerId, new AdminAccessRequest(AdminAccessName(order), plan.Duration, plan.RoleIds)), "Request admin access (GDAP)");
                tenant = tenant with { AdminAccessUrl = access.ApprovalUrl.AbsoluteUri, AdminAccess = "requested" };
                await run.NotifyAsync(new CustomerNoticeStep(operation, tenant.AccountApsId, NotifyCustomer.AdminAccess,
                    $"Approve {customer.Domain}'s administration by your Microsoft 365 provider",
                    $"A global administrator of {customer.Domain} opens {access.ApprovalUrl.AbsoluteUri} and approves the admin relationship, so the provider can manage users and domains."));
            }

            await run.SaveAsync(tenant);

            run.Step("Attesting the Microsoft Customer Agreement");
            await run.RequiredAsync(AttestAgreement.Ref,
                new AgreementStep(operation, customer.CustomerId, order.Contact ?? new TenantContact(null, null, null, null)), "Attest the Microsoft Customer Agreement");

            var byProvisioningId = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            IReadOnlyList<SubscriptionState> current = [];
            foreach (var level in levels)
            {
                run.Step(level.Key == 0 ? "Buying the licenses" : $"Buying the add-ons of level {level.Key}");
                (current, _) = await run.BuyLevelAsync(customer.CustomerId, level.Key, level, byProvisioningId, current, order.ResellerMpnId);
                bought = [.. current.Where(s => byProvisioningId.ContainsValue(s.SubscriptionId))];
            }

            run.Step("Waiting for Microsoft to activate the subscriptions");
            current = await run.WaitActiveAsync(customer.CustomerId, [.. byProvisioningId.Values], current);
            tenant = tenant with { Subscriptions = run.Records(current.Where(s => byProvisioningId.ContainsValue(s.SubscriptionId))) };
            if (access is not null)
            {
                // What was bought is recorded while the customer's admin has not approved admin access yet.
                await run.SaveAsync(tenant with { StatusMessage = $"Waiting for the customer's admin to approve admin access at {access.ApprovalUrl.AbsoluteUri}" });
                await GrantAdminAccessAsync(run, order, input.Timings, input.AdminAccess!, access);
                tenant = tenant with { AdminAccess = "granted" };
                await run.NotifyAsync(new CustomerNoticeStep(operation, tenant.AccountApsId, NotifyCustomer.AdminAccess));
            }

            tenant = tenant with
            {
                Status = TenantStatus.Active,
                StatusMessage = null,
                LimitsEventSubscriptionId = run.TakesCommerceSteps ? await run.CallAsync(SubscribeToLimitChanges.Ref, new SeatLimitsStep(operation, tenant)) : null,
            };
            await run.SaveAsync(tenant);
            return tenant;
        }
        catch (CommerceRefusedException refused)
        {
            var message = bought.Count == 0
                ? refused.Message
                : $"{refused.Message} Bought before it stopped: {string.Join(", ", run.Records(bought).Select(s => $"{s.ProvisioningId} ({s.SubscriptionId}, {s.Quantity} seats)"))}.";
            await run.SaveAsync(tenant with { Status = TenantStatus.Failed, Subscriptions = run.Records(bought), StatusMessage = message });
            throw new CommerceRefusedException(message, refused);
        }
    }

    /// <summary>The GDAP relationship's name: the gateway's mark of the tenant, so a step run again finds the one it created.</summary>
    private static string AdminAccessName(TenantOrder order) => $"O365Functions {PurchaseNames.For("GDAP", order.TenantApsId)}";

    /// <summary>Waits (event or poll) until the customer's admin approved the relationship, then gives the partner's group its roles.</summary>
    private static async Task GrantAdminAccessAsync(TenantRun run, TenantOrder order, ProvisioningTimings timings, AdminAccessPlan plan, AdminAccess access)
    {
        var context = run.Context;
        run.Step($"Waiting for the admin of {order.Domain} to approve admin access (GDAP) at {access.ApprovalUrl.AbsoluteUri}");
        var deadline = context.CurrentUtcDateTime + timings.RelationshipTimeout;
        while (access.Status != AdminAccessStatus.Active)
        {
            if (access.Status is AdminAccessStatus.Expired or AdminAccessStatus.Terminated || context.CurrentUtcDateTime >= deadline)
            {
                throw new CommerceRefusedException("Wait for admin access approval", new CommerceRefusal("AdminAccessNotApproved",
                    $"The admin of {order.Domain} did not approve the GDAP relationship (it is {access.Status.Word()}).",
                    $"Send the customer's admin the link {access.ApprovalUrl.AbsoluteUri} again, then send the request again; what was bought stays."));
            }

            await WaitForNewsAsync(context, AdminAccessApproved, timings.RelationshipPollInterval, deadline);
            access = await run.CallAsync(ReadAdminAccess.Ref, new AdminAccessStep(run.Operation, access.RelationshipId, null));
        }

        await run.RequiredAsync(AssignAdminAccess.Ref,
            new AdminAccessAssignmentStep(run.Operation, access.RelationshipId, plan.SecurityGroupId, plan.RoleIds), "Give the partner's group its admin roles");
    }

    private static Task<TenantCustomer> CreateAsync(TenantRun run, TenantOrder order)
    {
        run.Step($"Creating the customer {order.Domain}", first: true);
        return run.RequiredAsync(CreateCustomer.Ref, new CreateCustomerStep(run.Operation, order), "Create the customer");
    }

    /// <summary>Asks for the reseller relationship, shows its link, and waits (event or poll) until the organization is the partner's customer.</summary>
    private static async Task<TenantCustomer> LinkAsync(TenantRun run, TenantOrder order, ProvisioningTimings timings, TenantRecord tenant)
    {
        var context = run.Context;
        var lookup = new CustomerLookupStep(run.Operation, order.Domain);
        run.Step("Requesting the reseller relationship link", first: true);
        var link = await run.RequiredAsync(RequestRelationship.Ref, lookup, "Request the reseller relationship");
        await run.SaveAsync(tenant with { Status = TenantStatus.AwaitingRelationship, RelationshipUrl = link.AbsoluteUri });
        var notice = new CustomerNoticeStep(run.Operation, tenant.AccountApsId, NotifyCustomer.Relationship);
        await run.NotifyAsync(notice with
        {
            Message = $"Accept your Microsoft 365 provider as the reseller of {order.Domain}",
            Details = $"A global administrator of {order.Domain} opens {link.AbsoluteUri}, signs in, and accepts the reseller relationship. The provider then connects your subscriptions.",
        });
        run.Step($"Waiting for the admin of {order.Domain} to accept the reseller relationship at {link.AbsoluteUri}");
        var deadline = context.CurrentUtcDateTime + timings.RelationshipTimeout;
        while (true)
        {
            if (await run.CallAsync(FindCustomer.Ref, lookup) is { } customerId)
            {
                await run.NotifyAsync(notice);
                return new TenantCustomer(customerId, order.Domain, null);
            }

            if (context.CurrentUtcDateTime >= deadline)
            {
                throw new CommerceRefusedException("Wait for the reseller relationship", new CommerceRefusal("RelationshipNotAccepted",
                    $"The admin of {order.Domain} did not accept the reseller relationship within {timings.RelationshipTimeout.TotalDays:0.#} days.",
                    $"Send the customer's admin the link {link.AbsoluteUri} again, then send the request again."));
            }

            await WaitForNewsAsync(context, RelationshipAccepted, timings.RelationshipPollInterval, deadline);
        }
    }

    /// <summary>
    /// Waits until the webhook's <paramref name="eventName"/> arrives or the poll interval passes, never past the
    /// deadline; either way the caller looks again.
    /// </summary>
    private static async Task WaitForNewsAsync(IWorkflowContext context, string eventName, TimeSpan pollInterval, DateTime deadline)
    {
        var wait = deadline - context.CurrentUtcDateTime;
        try
        {
            await context.WaitForExternalEvent<string>(eventName, pollInterval < wait ? pollInterval : wait);
        }
        catch (TaskCanceledException)
        {
            // Nothing arrived in this interval.
        }
    }
}
