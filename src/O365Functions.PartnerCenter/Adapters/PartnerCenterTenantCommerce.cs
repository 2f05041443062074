using O365Functions.Core.Provisioning;
using O365Functions.PartnerCenter.Instances;
using O365Functions.PartnerCenter.Models;
using StatusAtMicrosoft = O365Functions.Core.State.Records.SubscriptionStatus;

namespace O365Functions.PartnerCenter.Adapters;

/// <summary>
/// <see cref="ITenantCommerce"/> over each instance's own <see cref="PartnerCenterClient"/>. Every call of one step
/// carries the operation's <c>MS-CorrelationId</c>; every write the step's stable <c>MS-RequestId</c>, so a create,
/// order, cart or checkout repeated after a crash is answered with the first result.
/// </summary>
public sealed class PartnerCenterTenantCommerce(InstanceMicrosoftClients clients, TimeProvider time) : ITenantCommerce
{
    private const string CustomerAgreement = "MicrosoftCustomerAgreement";
    private static readonly TimeSpan TemplateLifetime = TimeSpan.FromHours(12);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string TemplateId, DateTimeOffset Read)> _templates = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public Task<StepOutcome<CreatedCustomer>> CreateCustomerAsync(CommerceCall call, TenantOrder order, CancellationToken cancellationToken) =>
        AnswerAsync(call, async partnerCenter =>
        {
            ArgumentNullException.ThrowIfNull(order);
            // A free domain means no customer has it, an earlier attempt's included; a taken one may be that customer.
            // A prefix made from the company name may be taken by someone else: then the next numbered one is tried.
            string? domain = null;
            foreach (var candidate in order.Commerce?.DerivedPrefix == true ? DomainPrefixes.Candidates(order.DomainPrefix!).Select(p => $"{p}.onmicrosoft.com") : [order.Domain])
            {
                if (await partnerCenter.IsDomainAvailableAsync(candidate, cancellationToken).ConfigureAwait(false))
                {
                    domain = candidate;
                    break;
                }

                if (await FindAsync(partnerCenter, candidate, cancellationToken).ConfigureAwait(false) is { } earlier)
                {
                    return StepOutcome.Done(new CreatedCustomer(earlier, candidate, null, null));
                }
            }

            if (domain is null)
            {
                return StepOutcome.Refused<CreatedCustomer>(new CommerceRefusal("DomainTaken",
                    order.Commerce?.DerivedPrefix == true
                        ? $"{order.Domain} and its numbered alternatives are already taken in Microsoft 365."
                        : $"{order.Domain} is already taken in Microsoft 365.",
                    "Choose another domainPrefix."));
            }

            var address = Address(order);
            var validation = await partnerCenter.ValidateAddressAsync(address, cancellationToken).ConfigureAwait(false);
            if (!validation.IsVerified)
            {
                var suggestion = validation.SuggestedAddresses is [var s, ..] ? $" Microsoft suggests: {s.AddressLine1}, {s.City}, {s.State} {s.PostalCode}." : string.Empty;
                return StepOutcome.Refused<CreatedCustomer>(new CommerceRefusal("AddressNotValid",
                    $"Partner Center could not verify the address ({validation.Status}: {validation.ValidationMessage ?? "no reason given"}).{suggestion}",
                    "Correct the tenant's address (addressLine1, city, state, postalCode) and send the request again."));
            }

            var created = await partnerCenter.CreateCustomerAsync(new Customer
            {
                CompanyProfile = new CustomerCompanyProfile { Domain = domain, CompanyName = order.CompanyName },
                BillingProfile = new CustomerBillingProfile
                {
                    Email = order.Commerce?.BillingEmail ?? order.Contact?.Email,
                    Culture = order.Culture ?? "en-US",
                    Language = order.Language ?? "en",
                    CompanyName = order.CompanyName,
                    DefaultAddress = address,
                },
            }, new PartnerCenterCallOptions(call.RequestId("customer")), cancellationToken).ConfigureAwait(false);
            var login = created.UserCredentials?.UserName is { } name ? (name.Contains('@', StringComparison.Ordinal) ? name : $"{name}@{domain}") : null;
            return StepOutcome.Done(new CreatedCustomer(created.Id!, domain, login, created.UserCredentials?.Password));
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<string?> FindCustomerAsync(CommerceCall call, string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var partnerCenter = (await clients.ForInstanceAsync(call.InstanceId, cancellationToken).ConfigureAwait(false)).PartnerCenter;
        using var correlation = PartnerCenterCorrelation.Begin(call.CorrelationId);
        return await FindAsync(partnerCenter, domain, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<StepOutcome<Uri>> RelationshipLinkAsync(CommerceCall call, CancellationToken cancellationToken) =>
        AnswerAsync(call, async partnerCenter =>
        {
            var request = await partnerCenter.GetRelationshipRequestAsync(cancellationToken).ConfigureAwait(false);
            return request.Url is { } url
                ? StepOutcome.Done(url)
                : StepOutcome.Refused<Uri>(new CommerceRefusal("NoRelationshipLink", "Partner Center answered without a relationship link.", "Ask Microsoft support; send the request again later."));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<bool>> AttestAgreementAsync(CommerceCall call, string customerId, TenantContact contact, CancellationToken cancellationToken) =>
        AnswerAsync(call, async partnerCenter =>
        {
            ArgumentNullException.ThrowIfNull(contact);
            if (contact.FirstName is null || contact.LastName is null || contact.Email is null)
            {
                return StepOutcome.Refused<bool>(new CommerceRefusal("ContactMissing",
                    "The Microsoft Customer Agreement must be attested for a named person, and the tenant has no complete contact.",
                    "Send contact.firstName, contact.lastName and contact.email with the tenant."));
            }

            var template = await TemplateAsync(call.InstanceId, partnerCenter, cancellationToken).ConfigureAwait(false);
            await partnerCenter.AttestCustomerAgreementAsync(customerId, new global::O365Functions.PartnerCenter.Models.CustomerAgreement
            {
                PrimaryContact = new AgreementContact(contact.FirstName, contact.LastName, contact.Email, contact.Phone),
                TemplateId = template,
                DateAgreed = time.GetUtcNow(),
            }, new PartnerCenterCallOptions(call.RequestId("agreement")), cancellationToken).ConfigureAwait(false);
            return StepOutcome.Done(true);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<IReadOnlyList<SubscriptionState>>> PurchaseAsync(
        CommerceCall call, string customerId, IReadOnlyList<PurchaseLine> lines, string? resellerMpnId, CancellationToken cancellationToken) =>
        AnswerAsync(call, async partnerCenter =>
        {
            ArgumentNullException.ThrowIfNull(lines);

            // Look for earlier purchases by name; add-ons of legacy subscriptions are looked for in their parent's
            // order instead (AddToOrderAsync reads it before it buys), which saves this read when a level holds only them.
            var before = lines.All(l => !l.IsNewCommerce && l.ParentSubscriptionId is not null)
                ? null
                : (await partnerCenter.ListSubscriptionsAsync(customerId, cancellationToken).ConfigureAwait(false)).Items;
            var missing = lines.Where(line => before is null || !before.Any(s => s.FriendlyName == line.FriendlyName && s.Status is SubscriptionStatus.Active or SubscriptionStatus.Pending)).ToList();
            if (missing.Count == 0)
            {
                return StepOutcome.Done<IReadOnlyList<SubscriptionState>>([.. before!.Select(State)]);
            }

            foreach (var cycle in missing.Where(l => !l.IsNewCommerce && l.ParentSubscriptionId is null).GroupBy(l => l.BillingCycle, StringComparer.OrdinalIgnoreCase))
            {
                await partnerCenter.CreateOrderAsync(customerId, new Order
                {
                    ReferenceCustomerId = customerId,
                    BillingCycle = Cycle(cycle.Key),
                    LineItems = [.. cycle.Select((line, index) => new OrderLineItem
                    {
                        LineItemNumber = index, OfferId = line.OfferId, Quantity = line.Quantity, FriendlyName = line.FriendlyName, PartnerIdOnRecord = resellerMpnId,
                    })],
                }, new PartnerCenterCallOptions(call.RequestId($"order-{cycle.Key}")), cancellationToken).ConfigureAwait(false);
            }

            var addons = missing.Where(l => !l.IsNewCommerce && l.ParentSubscriptionId is not null).ToList();
            var parents = addons.Count == 0 ? [] : await ParentOrdersAsync(partnerCenter, customerId, addons, before, cancellationToken).ConfigureAwait(false);
            foreach (var parentOrder in addons.GroupBy(l => parents[l.ParentSubscriptionId!]))
            {
                await partnerCenter.AddToOrderAsync(customerId, parentOrder.Key, new Order
                {
                    ReferenceCustomerId = customerId,
                    LineItems = [.. parentOrder.Select(line => new OrderLineItem
                    {
                        OfferId = line.OfferId, Quantity = line.Quantity, FriendlyName = line.FriendlyName, ParentSubscriptionId = line.ParentSubscriptionId, PartnerIdOnRecord = resellerMpnId,
                    })],
                }, new PartnerCenterCallOptions(call.RequestId($"addons-{parentOrder.Key}")), cancellationToken).ConfigureAwait(false);
            }

            if (missing.Where(l => l.IsNewCommerce).ToList() is { Count: > 0 } items && await CheckOutAsync(partnerCenter, call, customerId, items, resellerMpnId, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return StepOutcome.Refused<IReadOnlyList<SubscriptionState>>(refused);
            }

            var after = (await partnerCenter.ListSubscriptionsAsync(customerId, cancellationToken).ConfigureAwait(false)).Items;
            return StepOutcome.Done<IReadOnlyList<SubscriptionState>>([.. after.Select(State)]);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SubscriptionState>> ListSubscriptionsAsync(CommerceCall call, string customerId, CancellationToken cancellationToken) =>
        (await ReadListingAsync(call, customerId, cancellationToken).ConfigureAwait(false)).Subscriptions;

    /// <inheritdoc />
    public async Task<SubscriptionListing> ReadListingAsync(CommerceCall call, string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var partnerCenter = (await clients.ForInstanceAsync(call.InstanceId, cancellationToken).ConfigureAwait(false)).PartnerCenter;
        using var correlation = PartnerCenterCorrelation.Begin(call.CorrelationId);
        var page = await partnerCenter.ListSubscriptionsAsync(customerId, cancellationToken).ConfigureAwait(false);
        return new SubscriptionListing([.. page.Items.Select(State)], page.TotalCount);
    }

    /// <inheritdoc />
    public Task<StepOutcome<SubscriptionState>> ChangeSubscriptionAsync(CommerceCall call, string customerId, SubscriptionChange change, CancellationToken cancellationToken) =>
        AnswerAsync(call, async partnerCenter =>
        {
            ArgumentNullException.ThrowIfNull(change);
            var current = await partnerCenter.GetSubscriptionAsync(customerId, change.SubscriptionId, cancellationToken).ConfigureAwait(false);
            var wanted = current with
            {
                Quantity = change.Quantity ?? current.Quantity,
                Status = change.Status is { } status ? Status(status) : current.Status,
                AutoRenewEnabled = change.AutoRenewEnabled ?? current.AutoRenewEnabled,
                FriendlyName = change.FriendlyName ?? current.FriendlyName,
                ScheduledNextTermInstructions = change.ScheduledQuantity is { } next ? NextTerm(current, next) : current.ScheduledNextTermInstructions,
            };
            if (wanted == current)
            {
                return StepOutcome.Done(State(current));
            }

            var changed = await partnerCenter.UpdateSubscriptionAsync(customerId, wanted, new PartnerCenterCallOptions(call.RequestId()), cancellationToken).ConfigureAwait(false);
            return StepOutcome.Done(State(changed));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<SubscriptionState>> UpgradeAsync(CommerceCall call, string customerId, PlannedUpgrade upgrade, CancellationToken cancellationToken) =>
        AnswerAsync(call, async partnerCenter =>
        {
            ArgumentNullException.ThrowIfNull(upgrade);
            var subscriptions = (await partnerCenter.ListSubscriptionsAsync(customerId, cancellationToken).ConfigureAwait(false)).Items;
            if (subscriptions.FirstOrDefault(s => s.FriendlyName == upgrade.FriendlyName && s.Status is SubscriptionStatus.Active or SubscriptionStatus.Pending) is { } done)
            {
                return StepOutcome.Done(State(done));
            }

            // An upgrade made by an attempt interrupted before it renamed the result: the source is gone, the target is there.
            var source = subscriptions.FirstOrDefault(s => s.Id == upgrade.SubscriptionId);
            var made = source?.Status is SubscriptionStatus.Deleted
                ? subscriptions.FirstOrDefault(s => s.OrderId == source.OrderId && string.Equals(s.OfferId, upgrade.TargetOfferId, StringComparison.OrdinalIgnoreCase)
                    && s.Status is SubscriptionStatus.Active or SubscriptionStatus.Pending)?.Id
                : null;
            var targetSubscriptionId = made ?? await UpgradeOnceAsync(partnerCenter, call, customerId, upgrade, cancellationToken).ConfigureAwait(false);
            if (targetSubscriptionId is null)
            {
                return StepOutcome.Refused<SubscriptionState>(new CommerceRefusal("UpgradeNotPossible",
                    $"Partner Center upgraded {upgrade.FromProvisioningId} ({upgrade.SubscriptionId}) without naming the new subscription.",
                    "Check the customer's subscriptions in Partner Center, then send the request again."));
            }

            // The upgraded subscription keeps the old one's name; it takes the upgrade's, so the gateway knows it as the new type.
            var target = await partnerCenter.GetSubscriptionAsync(customerId, targetSubscriptionId, cancellationToken).ConfigureAwait(false);
            var named = await partnerCenter.UpdateSubscriptionAsync(customerId, target with { FriendlyName = upgrade.FriendlyName }, new PartnerCenterCallOptions(call.RequestId("name")), cancellationToken).ConfigureAwait(false);
            return StepOutcome.Done(State(named));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<SubscriptionState>> ConvertTrialAsync(CommerceCall call, string customerId, PlannedConversion conversion, CancellationToken cancellationToken) =>
        AnswerAsync(call, async partnerCenter =>
        {
            ArgumentNullException.ThrowIfNull(conversion);
            var subscriptions = (await partnerCenter.ListSubscriptionsAsync(customerId, cancellationToken).ConfigureAwait(false)).Items;
            bool IsPaid(Subscription s) => string.Equals(s.OfferId, conversion.TargetOfferId, StringComparison.OrdinalIgnoreCase) && s.Status is SubscriptionStatus.Active or SubscriptionStatus.Pending;
            var trial = subscriptions.FirstOrDefault(s => s.Id == conversion.TrialSubscriptionId);

            // A conversion an interrupted attempt made: the trial is gone and the paid subscription of its order is there.
            var paidId = subscriptions.FirstOrDefault(s => IsPaid(s) && (s.FriendlyName == conversion.FriendlyName || (trial?.Status is SubscriptionStatus.Deleted && s.OrderId == trial.OrderId)))?.Id;
            if (paidId is null)
            {
                var offered = (await partnerCenter.ListConversionsAsync(customerId, conversion.TrialSubscriptionId, cancellationToken).ConfigureAwait(false)).Items
                    .FirstOrDefault(c => string.Equals(c.TargetOfferId, conversion.TargetOfferId, StringComparison.OrdinalIgnoreCase));
                if (offered is null)
                {
                    return StepOutcome.Refused<SubscriptionState>(new CommerceRefusal("ConversionNotOffered",
                        $"Partner Center offers no conversion of the {conversion.ProvisioningId} trial to {conversion.TargetOfferId}.",
                        "Check the license type's offerId and trialOfferId, then send the request again."));
                }

                var result = await partnerCenter.ConvertTrialAsync(customerId, conversion.TrialSubscriptionId, offered with { Quantity = conversion.Quantity },
                    new PartnerCenterCallOptions(call.RequestId("convert")), cancellationToken).ConfigureAwait(false);
                if (result.Error is { } error || result.SubscriptionId is null)
                {
                    return StepOutcome.Refused<SubscriptionState>(new CommerceRefusal(result.Error?.Code ?? "ConversionFailed",
                        result.Error?.Description ?? "Partner Center converted the trial without naming the paid subscription.",
                        "Correct what Microsoft names, then send the request again."));
                }

                paidId = result.SubscriptionId;
            }

            var paid = await partnerCenter.GetSubscriptionAsync(customerId, paidId, cancellationToken).ConfigureAwait(false);
            var wanted = paid with { FriendlyName = conversion.FriendlyName, Quantity = conversion.Quantity };
            return StepOutcome.Done(State(wanted == paid
                ? paid
                : await partnerCenter.UpdateSubscriptionAsync(customerId, wanted, new PartnerCenterCallOptions(call.RequestId("paid")), cancellationToken).ConfigureAwait(false)));
        }, cancellationToken);

    /// <summary>Makes the upgrade Microsoft offers to the target offer; one it does not offer, or finds ineligible, is thrown as Microsoft's refusal.</summary>
    private static async Task<string?> UpgradeOnceAsync(PartnerCenterClient partnerCenter, CommerceCall call, string customerId, PlannedUpgrade upgrade, CancellationToken cancellationToken)
    {
        var offered = (await partnerCenter.ListUpgradesAsync(customerId, upgrade.SubscriptionId, cancellationToken).ConfigureAwait(false)).Items
            .FirstOrDefault(u => string.Equals(u.TargetOffer?.Id, upgrade.TargetOfferId, StringComparison.OrdinalIgnoreCase));
        if (offered is null || !offered.IsEligible)
        {
            var reasons = offered is null ? "Microsoft offers no upgrade to that offer." : string.Join(" ", offered.UpgradeErrors.Select(e => $"{e.Code}: {e.Description}{(e.AdditionalDetails is { } more ? $" ({more})" : string.Empty)}"));
            throw new SubscriptionUpgradeException($"{upgrade.FromProvisioningId} cannot be upgraded to {upgrade.ToProvisioningId}: {reasons}");
        }

        var result = await partnerCenter.UpgradeSubscriptionAsync(customerId, upgrade.SubscriptionId, offered, new PartnerCenterCallOptions(call.RequestId("upgrade")), cancellationToken).ConfigureAwait(false);
        return result.TargetSubscriptionId;
    }

    /// <summary>Runs a step's calls under the operation's correlation id, turning Microsoft's refusals into answers.</summary>
    private async Task<StepOutcome<T>> AnswerAsync<T>(CommerceCall call, Func<PartnerCenterClient, Task<StepOutcome<T>>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var correlation = PartnerCenterCorrelation.Begin(call.CorrelationId);
        try
        {
            var partnerCenter = (await clients.ForInstanceAsync(call.InstanceId, cancellationToken).ConfigureAwait(false)).PartnerCenter;
            return await step(partnerCenter).ConfigureAwait(false);
        }
        catch (Exception refused) when (PartnerCenterRefusals.From(refused) is { } refusal)
        {
            return StepOutcome.Refused<T>(refusal);
        }
    }

    /// <summary>The order of each add-on's parent subscription: as the workflow knows it, from <paramref name="known"/>, or read from the parent.</summary>
    private static async Task<Dictionary<string, string>> ParentOrdersAsync(
        PartnerCenterClient partnerCenter, string customerId, List<PurchaseLine> addons, IReadOnlyList<Subscription>? known, CancellationToken cancellationToken)
    {
        var orders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in addons.DistinctBy(l => l.ParentSubscriptionId, StringComparer.OrdinalIgnoreCase))
        {
            var parentId = line.ParentSubscriptionId!;
            orders[parentId] = line.ParentOrderId
                ?? (known?.FirstOrDefault(s => s.Id == parentId) ?? await partnerCenter.GetSubscriptionAsync(customerId, parentId, cancellationToken).ConfigureAwait(false)).OrderId
                ?? throw new InvalidOperationException($"Partner Center names no order for subscription {parentId}, so its add-ons cannot be bought into it.");
        }

        return orders;
    }

    /// <summary>Buys new-commerce items in one cart; a line Partner Center marks with an error refuses the purchase before checkout.</summary>
    private static async Task<CommerceRefusal?> CheckOutAsync(
        PartnerCenterClient partnerCenter, CommerceCall call, string customerId, List<PurchaseLine> items, string? resellerMpnId, CancellationToken cancellationToken)
    {
        var cart = await partnerCenter.CreateCartAsync(customerId, new Cart
        {
            LineItems = [.. items.Select((line, index) => new CartLineItem
            {
                Id = index,
                CatalogItemId = line.OfferId,
                Quantity = line.Quantity,
                BillingCycle = Cycle(line.BillingCycle),
                TermDuration = line.TermDuration ?? "P1M",
                FriendlyName = line.FriendlyName,
                Participants = resellerMpnId is null ? null : [new CartParticipant(CartParticipant.TransactionReseller, resellerMpnId)],
            })],
        }, new PartnerCenterCallOptions(call.RequestId("cart")), cancellationToken).ConfigureAwait(false);
        if (cart.LineItems.Where(line => line.Error is not null).ToList() is { Count: > 0 } wrong)
        {
            // Each line says what is wrong with it and what to do: one cart can hold several different mistakes.
            return new CommerceRefusal(wrong[0].Error!.ErrorCode ?? "cart",
                string.Join(" ", wrong.Select(line => $"{items[line.Id].ProvisioningId} ({line.CatalogItemId}): {line.Error!.ErrorCode} {line.Error.ErrorDescription}")),
                "Nothing was bought from this cart. " + string.Join(" ", wrong
                    .Select(line => (Type: items[line.Id].ProvisioningId, Advice: PartnerCenterRefusals.AdviceForCart(line.Error!.ErrorCode)))
                    .GroupBy(l => l.Advice)
                    .Select(g => $"{string.Join(", ", g.Select(l => l.Type))}: {g.Key}")));
        }

        var result = await partnerCenter.CheckoutCartAsync(customerId, cart.Id!, new PartnerCenterCallOptions(call.RequestId("checkout")), cancellationToken).ConfigureAwait(false);
        return result.OrderErrors.Count == 0
            ? null
            : new CommerceRefusal(result.OrderErrors[0].Code ?? "checkout",
                string.Join(" ", result.OrderErrors.Select(e => $"Order group {e.OrderGroupId}: {e.Code} {e.Description}")),
                string.Join(" ", result.OrderErrors.Select(e => PartnerCenterRefusals.AdviceForCart(e.Code)).Distinct()) + " What was bought is kept and not bought again.");
    }

    private async Task<string> TemplateAsync(string instanceId, PartnerCenterClient partnerCenter, CancellationToken cancellationToken)
    {
        if (_templates.TryGetValue(instanceId, out var known) && time.GetUtcNow() - known.Read < TemplateLifetime)
        {
            return known.TemplateId;
        }

        var templates = await partnerCenter.ListAgreementMetadataAsync(CustomerAgreement, cancellationToken).ConfigureAwait(false);
        var template = templates.Where(t => t.TemplateId is not null && (t.AgreementType is null || t.AgreementType == CustomerAgreement))
            .OrderByDescending(t => t.VersionRank).FirstOrDefault()?.TemplateId
            ?? throw new InvalidOperationException("Partner Center listed no Microsoft Customer Agreement template.");
        _templates[instanceId] = (template, time.GetUtcNow());
        return template;
    }

    private static async Task<string?> FindAsync(PartnerCenterClient partnerCenter, string domain, CancellationToken cancellationToken) =>
        (await partnerCenter.SearchCustomersByDomainAsync(domain, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => string.Equals(c.CompanyProfile?.Domain, domain, StringComparison.OrdinalIgnoreCase))?.Id;

    private static Address Address(TenantOrder order) => new()
    {
        FirstName = order.Contact?.FirstName,
        LastName = order.Contact?.LastName,
        AddressLine1 = order.Address?.AddressLine1,
        AddressLine2 = order.Address?.AddressLine2,
        City = order.Address?.City,
        State = order.Address?.State,
        PostalCode = order.Address?.PostalCode,
        Country = order.Country.ToUpperInvariant(),
        PhoneNumber = order.Contact?.Phone,
    };

    private static SubscriptionState State(Subscription s) => new(
        s.Id ?? string.Empty, s.OfferId ?? string.Empty, s.FriendlyName, s.Quantity, Enum.Parse<StatusAtMicrosoft>(s.Status.ToString()), s.AutoRenewEnabled,
        s.ParentSubscriptionId, s.OrderId, s.CreationDate, s.CancellationAllowedUntilDate, s.PartnerId, s.SuspensionReasons)
    {
        CommitmentEndDate = s.CommitmentEndDate,
        ScheduledQuantity = s.ScheduledNextTermInstructions?.Quantity,
    };

    /// <summary>
    /// The next term of a new-commerce subscription with <paramref name="seats"/>: the same product, SKU and
    /// availability (its catalog item id), billing cycle and term; only the quantity changes.
    /// </summary>
    private static ScheduledNextTermInstructions NextTerm(Subscription current, int seats)
    {
        var item = (current.OfferId ?? string.Empty).Split(':');
        var product = current.ScheduledNextTermInstructions?.Product
            ?? new ScheduledProduct(item.ElementAtOrDefault(0), item.ElementAtOrDefault(1), item.ElementAtOrDefault(2), current.BillingCycle, current.TermDuration);
        return new ScheduledNextTermInstructions(product, seats);
    }

    /// <summary>The domain's status as the client's: the two enums name Partner Center's statuses alike.</summary>
    private static SubscriptionStatus Status(StatusAtMicrosoft status) => Enum.Parse<SubscriptionStatus>(status.ToString());

    private static BillingCycle Cycle(string cycle) => cycle.ToLowerInvariant() switch
    {
        "annual" => BillingCycle.Annual,
        "triennial" => BillingCycle.Triennial,
        _ => BillingCycle.Monthly,
    };
}
