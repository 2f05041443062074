using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using O365Functions.PartnerCenter.Http;
using O365Functions.PartnerCenter.Models;

namespace O365Functions.PartnerCenter;

/// <summary>
/// The Partner Center REST API as typed calls. Paths and shapes follow Microsoft's documentation; every call goes
/// through <see cref="PartnerCenterTransport"/>, which keeps the tenant's budget and retries safely.
/// </summary>
public sealed class PartnerCenterClient(PartnerCenterTransport transport, PartnerCenterOptions options)
{
    // Customers

    /// <summary>Creates a customer tenant (<c>POST /v1/customers</c>); set <see cref="Customer.AssociatedPartnerId"/> for an indirect reseller's customer.</summary>
    public Task<Customer> CreateCustomerAsync(Customer customer, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default) =>
        SendAsync<Customer>(HttpMethod.Post, "v1/customers", customer, call, cancellationToken);

    /// <summary>Gets a customer by tenant id.</summary>
    public Task<Customer> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        SendAsync<Customer>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}", null, null, cancellationToken);

    /// <summary>Every customer, page by page (seek paging with <c>MS-ContinuationToken</c>).</summary>
    public IAsyncEnumerable<Customer> ListCustomersAsync(int pageSize = 100, CancellationToken cancellationToken = default) =>
        PagesAsync<Customer>($"v1/customers?size={pageSize}", "v1/customers?seekOperation=Next", cancellationToken);

    /// <summary>Customers whose company name starts with <paramref name="prefix"/> (case-insensitive; the only operator Partner Center supports).</summary>
    public Task<IReadOnlyList<Customer>> SearchCustomersByNameAsync(string prefix, CancellationToken cancellationToken = default) =>
        SearchCustomersAsync("CompanyName", prefix, cancellationToken);

    /// <summary>
    /// The partner's customers whose primary domain starts with <paramref name="prefix"/>: how a step that creates a
    /// customer finds the one an earlier, interrupted attempt created.
    /// </summary>
    public Task<IReadOnlyList<Customer>> SearchCustomersByDomainAsync(string prefix, CancellationToken cancellationToken = default) =>
        SearchCustomersAsync("Domain", prefix, cancellationToken);

    private async Task<IReadOnlyList<Customer>> SearchCustomersAsync(string field, string prefix, CancellationToken cancellationToken)
    {
        var filter = JsonSerializer.Serialize(new { Field = field, Value = prefix, Operator = "starts_with" });
        var page = await SendAsync<ResourceCollection<Customer>>(HttpMethod.Get, $"v1/customers?size=0&filter={Uri.EscapeDataString(filter)}", null, null, cancellationToken).ConfigureAwait(false);
        return page.Items;
    }

    /// <summary>True when nobody holds <paramref name="domain"/> (<c>HEAD /v1/domains/{domain}</c> answers 404).</summary>
    public async Task<bool> IsDomainAvailableAsync(string domain, CancellationToken cancellationToken = default)
    {
        try
        {
            await transport.SendAsync(new PartnerCenterRequest(HttpMethod.Head, $"v1/domains/{Escape(domain)}"), cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (PartnerCenterException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
    }

    /// <summary>Checks a postal address (<c>POST /v1/validations/address</c>).</summary>
    public Task<AddressValidationResult> ValidateAddressAsync(Address address, CancellationToken cancellationToken = default) =>
        SendAsync<AddressValidationResult>(HttpMethod.Post, "v1/validations/address", address, null, cancellationToken);

    /// <summary>The link an existing tenant's admin opens to accept the partner as reseller.</summary>
    public Task<RelationshipRequest> GetRelationshipRequestAsync(CancellationToken cancellationToken = default) =>
        SendAsync<RelationshipRequest>(HttpMethod.Get, "v1/customers/relationshiprequests", null, null, cancellationToken);

    /// <summary>The indirect resellers the signed-in indirect provider has a relationship with (App+User credentials only).</summary>
    public async Task<IReadOnlyList<PartnerRelationship>> ListIndirectResellersAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<ResourceCollection<PartnerRelationship>>(HttpMethod.Get, "v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", null, null, cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>The templates of an agreement type (<c>MicrosoftCustomerAgreement</c>), the one in force ranked highest.</summary>
    public async Task<IReadOnlyList<AgreementMetadata>> ListAgreementMetadataAsync(string agreementType, CancellationToken cancellationToken = default) =>
        (await SendAsync<ResourceCollection<AgreementMetadata>>(HttpMethod.Get, $"v1/agreements?agreementType={Escape(agreementType)}", null, null, cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>Records the customer's acceptance of the Microsoft Customer Agreement, needed before purchases.</summary>
    public Task<CustomerAgreement> AttestCustomerAgreementAsync(string customerId, CustomerAgreement agreement, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default) =>
        SendAsync<CustomerAgreement>(HttpMethod.Post, $"v1/customers/{Escape(customerId)}/agreements", agreement, call, cancellationToken);

    // Catalog

    /// <summary>Legacy offers for a market.</summary>
    public IAsyncEnumerable<Offer> ListOffersAsync(string country, CancellationToken cancellationToken = default) =>
        OffsetPagesAsync<Offer>($"v1/offers?country={Escape(country)}", cancellationToken);

    /// <summary>The add-ons of a legacy offer.</summary>
    public IAsyncEnumerable<Offer> ListOfferAddonsAsync(string offerId, string country, CancellationToken cancellationToken = default) =>
        OffsetPagesAsync<Offer>($"v1/offers/{Escape(offerId)}/addons?country={Escape(country)}", cancellationToken);

    /// <summary>New-commerce products of a catalog view (<c>OnlineServicesNCE</c> for license-based products).</summary>
    public Task<ResourceCollection<Product>> ListProductsAsync(string country, string targetView, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceCollection<Product>>(HttpMethod.Get, $"v1/products?country={Escape(country)}&targetView={Escape(targetView)}", null, null, cancellationToken);

    /// <summary>The SKUs of a product.</summary>
    public Task<ResourceCollection<Sku>> ListSkusAsync(string productId, string country, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceCollection<Sku>>(HttpMethod.Get, $"v1/products/{Escape(productId)}/skus?country={Escape(country)}", null, null, cancellationToken);

    /// <summary>The availabilities of a SKU; each has the catalog item id a cart buys.</summary>
    public Task<ResourceCollection<Availability>> ListAvailabilitiesAsync(string productId, string skuId, string country, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceCollection<Availability>>(
            HttpMethod.Get, $"v1/products/{Escape(productId)}/skus/{Escape(skuId)}/availabilities?country={Escape(country)}", null, null, cancellationToken);

    // Orders and carts

    /// <summary>Places an order. Pass a stable <see cref="PartnerCenterCallOptions.RequestId"/> to make re-running the step safe.</summary>
    public Task<Order> CreateOrderAsync(string customerId, Order order, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default) =>
        SendAsync<Order>(HttpMethod.Post, $"v1/customers/{Escape(customerId)}/orders", order, call, cancellationToken);

    /// <summary>
    /// Buys add-ons into an existing order: line items name their <see cref="OrderLineItem.ParentSubscriptionId"/>, and
    /// are numbered after the order's own lines, as Partner Center requires. A line with a
    /// <see cref="OrderLineItem.FriendlyName"/> the order already holds for the same offer was bought before (by an
    /// attempt whose answer was lost) and is not bought again.
    /// </summary>
    public async Task<Order> AddToOrderAsync(string customerId, string orderId, Order addition, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addition);

        // A PATCH is not de-duplicated by Partner Center, so the order is read first: lines it already holds are left
        // out, and after a lost connection the add-on lines can be counted, so they are bought again only if absent.
        var before = await GetOrderAsync(customerId, orderId, cancellationToken).ConfigureAwait(false);
        var missing = addition.LineItems.Where(line => line.FriendlyName is null || !before.LineItems.Any(held =>
            held.FriendlyName == line.FriendlyName && string.Equals(held.OfferId, line.OfferId, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count == 0)
        {
            return before;
        }

        addition = addition with { LineItems = [.. missing.Select((line, index) => line with { LineItemNumber = before.LineItems.Count + index })] };
        var path = $"v1/customers/{Escape(customerId)}/orders/{Escape(orderId)}";
        for (var tries = 1; ; tries++)
        {
            try
            {
                var response = await transport.SendAsync(Request(HttpMethod.Patch, path, addition, call) with { RetryWhenOutcomeUnknown = false }, cancellationToken).ConfigureAwait(false);
                return response.ReadAs<Order>();
            }
            catch (PartnerCenterOutcomeUnknownException) when (tries < options.MaxAttempts)
            {
                var after = await GetOrderAsync(customerId, orderId, cancellationToken).ConfigureAwait(false);
                if (Holds(after, before, addition))
                {
                    return after;
                }
            }
        }
    }

    /// <summary>Whether <paramref name="after"/> has, for every offer of <paramref name="addition"/>, as many more lines than <paramref name="before"/> as it asked for.</summary>
    private static bool Holds(Order after, Order before, Order addition) =>
        addition.LineItems.GroupBy(line => line.OfferId, StringComparer.OrdinalIgnoreCase).All(asked =>
            after.LineItems.Count(line => string.Equals(line.OfferId, asked.Key, StringComparison.OrdinalIgnoreCase))
            >= before.LineItems.Count(line => string.Equals(line.OfferId, asked.Key, StringComparison.OrdinalIgnoreCase)) + asked.Count());

    /// <summary>Gets an order.</summary>
    public Task<Order> GetOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default) =>
        SendAsync<Order>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}/orders/{Escape(orderId)}", null, null, cancellationToken);

    /// <summary>How far each line item of an order is provisioned.</summary>
    public Task<ResourceCollection<OrderLineItemProvisioningStatus>> GetOrderProvisioningStatusAsync(string customerId, string orderId, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceCollection<OrderLineItemProvisioningStatus>>(
            HttpMethod.Get, $"v1/customers/{Escape(customerId)}/orders/{Escape(orderId)}/provisioningstatus", null, null, cancellationToken);

    /// <summary>Creates a cart of new-commerce items.</summary>
    public Task<Cart> CreateCartAsync(string customerId, Cart cart, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default) =>
        SendAsync<Cart>(HttpMethod.Post, $"v1/customers/{Escape(customerId)}/carts", cart, call, cancellationToken);

    /// <summary>Replaces a cart's items.</summary>
    public Task<Cart> UpdateCartAsync(string customerId, Cart cart, CancellationToken cancellationToken = default) =>
        SendAsync<Cart>(HttpMethod.Put, $"v1/customers/{Escape(customerId)}/carts/{Escape(cart.Id ?? string.Empty)}", cart, null, cancellationToken);

    /// <summary>Checks a cart out into orders.</summary>
    public Task<CartCheckoutResult> CheckoutCartAsync(string customerId, string cartId, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default) =>
        SendAsync<CartCheckoutResult>(HttpMethod.Post, $"v1/customers/{Escape(customerId)}/carts/{Escape(cartId)}/checkout", null, call, cancellationToken);

    // Subscriptions

    /// <summary>A customer's subscriptions.</summary>
    public Task<ResourceCollection<Subscription>> ListSubscriptionsAsync(string customerId, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceCollection<Subscription>>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}/subscriptions", null, null, cancellationToken);

    /// <summary>Gets a subscription, with the ETag an update needs.</summary>
    public Task<Subscription> GetSubscriptionAsync(string customerId, string subscriptionId, CancellationToken cancellationToken = default) =>
        SendAsync<Subscription>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}/subscriptions/{Escape(subscriptionId)}", null, null, cancellationToken);

    /// <summary>
    /// Changes a subscription (quantity, status, auto-renew, name) by sending it back with its ETag. When Partner Center
    /// accepts the change for later (202 with a <c>Location</c>), polls until the subscription shows it.
    /// </summary>
    public async Task<Subscription> UpdateSubscriptionAsync(string customerId, Subscription changed, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var path = $"v1/customers/{Escape(customerId)}/subscriptions/{Escape(changed.Id ?? string.Empty)}";
        var attempt = changed;
        PartnerCenterResponse? response = null;
        for (var tries = 1; response is null; tries++)
        {
            var lost = false;
            try
            {
                response = await transport.SendAsync(
                    Request(HttpMethod.Patch, path, attempt, call) with { IfMatch = attempt.Attributes?.Etag, RetryWhenOutcomeUnknown = false }, cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerCenterOutcomeUnknownException) when (tries < options.MaxAttempts)
            {
                lost = true;
            }
            catch (PartnerCenterException stale) when (tries > 1 && stale.ErrorCode == StaleEtagCode && tries < options.MaxAttempts)
            {
                // Only after a lost PATCH: our own change may be what made the ETag stale.
                lost = true;
            }

            if (lost)
            {
                // The change may have been made: read the subscription, and send it again only if it is not so.
                var current = await GetSubscriptionAsync(customerId, changed.Id ?? string.Empty, cancellationToken).ConfigureAwait(false);
                if (Shows(current, changed))
                {
                    return current;
                }

                attempt = changed with { Attributes = current.Attributes };
            }
        }

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return response.ReadAs<Subscription>();
        }

        var location = OperationPath(response.Location) ?? path;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < options.OperationPollTimeout)
        {
            await Task.Delay(options.OperationPollInterval, cancellationToken).ConfigureAwait(false);
            var current = await transport.SendAsync(new PartnerCenterRequest(HttpMethod.Get, location), cancellationToken).ConfigureAwait(false);
            var subscription = current.ReadAs<Subscription>();
            if (current.StatusCode == HttpStatusCode.OK && Shows(subscription, changed))
            {
                return subscription;
            }
        }

        throw new PartnerCenterException(
            $"Partner Center accepted the change to subscription {changed.Id} but it did not show within {options.OperationPollTimeout.TotalMinutes:0.#} minutes. " +
            "It may still happen: read the subscription before changing it again.");
    }

    // Partner Center's code for an If-Match ETag that is no longer the subscription's.
    private const string StaleEtagCode = "2055";

    /// <summary>Whether <paramref name="current"/> shows what <paramref name="intended"/> asked for.</summary>
    private static bool Shows(Subscription current, Subscription intended) =>
        current.Quantity == intended.Quantity && current.Status == intended.Status && current.AutoRenewEnabled == intended.AutoRenewEnabled
        && (intended.ScheduledNextTermInstructions?.Quantity is not { } next || next == (current.ScheduledNextTermInstructions?.Quantity ?? current.Quantity));

    /// <summary>
    /// The request path of an operation's <c>Location</c>. Partner Center documents it without the version segment
    /// (<c>/customers/{id}/subscriptions/{sid}</c>), which would reach the host's root; it is put under <c>v1/</c>.
    /// Only the path is kept, so a <c>Location</c> naming another host is still asked of Partner Center.
    /// </summary>
    internal static string? OperationPath(Uri? location)
    {
        if (location is null)
        {
            return null;
        }

        var path = (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString).TrimStart('/');
        return path.StartsWith("v1/", StringComparison.OrdinalIgnoreCase) ? path : "v1/" + path;
    }

    /// <summary>The add-on subscriptions under a subscription.</summary>
    public Task<ResourceCollection<Subscription>> ListAddonSubscriptionsAsync(string customerId, string subscriptionId, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceCollection<Subscription>>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}/subscriptions/{Escape(subscriptionId)}/addons", null, null, cancellationToken);

    /// <summary>The upgrades possible from a subscription.</summary>
    public Task<ResourceCollection<Upgrade>> ListUpgradesAsync(string customerId, string subscriptionId, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceCollection<Upgrade>>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}/subscriptions/{Escape(subscriptionId)}/upgrades", null, null, cancellationToken);

    /// <summary>
    /// Upgrades a subscription with one of the upgrades <see cref="ListUpgradesAsync"/> returned. Partner Center may
    /// answer 200 and still list upgrade or license-transfer errors; that is thrown as
    /// <see cref="SubscriptionUpgradeException"/>, never returned as success.
    /// </summary>
    public async Task<UpgradeResult> UpgradeSubscriptionAsync(string customerId, string subscriptionId, Upgrade upgrade, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync<UpgradeResult>(HttpMethod.Post, $"v1/customers/{Escape(customerId)}/subscriptions/{Escape(subscriptionId)}/upgrades", upgrade, call, cancellationToken).ConfigureAwait(false);
        return result.UpgradeErrors.Count > 0 || result.LicenseErrors.Count > 0 ? throw new SubscriptionUpgradeException(subscriptionId, result) : result;
    }

    /// <summary>The paid offers a trial subscription can convert to.</summary>
    public Task<ResourceCollection<Conversion>> ListConversionsAsync(string customerId, string trialSubscriptionId, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceCollection<Conversion>>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}/subscriptions/{Escape(trialSubscriptionId)}/conversions", null, null, cancellationToken);

    /// <summary>Converts a trial subscription to paid.</summary>
    public Task<ConversionResult> ConvertTrialAsync(string customerId, string trialSubscriptionId, Conversion conversion, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default) =>
        SendAsync<ConversionResult>(HttpMethod.Post, $"v1/customers/{Escape(customerId)}/subscriptions/{Escape(trialSubscriptionId)}/conversions", conversion, call, cancellationToken);

    // Users and licenses

    /// <summary>Creates a user in the customer's tenant.</summary>
    public Task<CustomerUser> CreateUserAsync(string customerId, CustomerUser user, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default) =>
        SendAsync<CustomerUser>(HttpMethod.Post, $"v1/customers/{Escape(customerId)}/users", user, call, cancellationToken);

    /// <summary>Gets a user of the customer's tenant.</summary>
    public Task<CustomerUser> GetUserAsync(string customerId, string userId, CancellationToken cancellationToken = default) =>
        SendAsync<CustomerUser>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}/users/{Escape(userId)}", null, null, cancellationToken);

    /// <summary>Deletes a user of the customer's tenant.</summary>
    public Task DeleteUserAsync(string customerId, string userId, CancellationToken cancellationToken = default) =>
        transport.SendAsync(new PartnerCenterRequest(HttpMethod.Delete, $"v1/customers/{Escape(customerId)}/users/{Escape(userId)}"), cancellationToken);

    /// <summary>Assigns and removes a user's licenses in one call.</summary>
    public Task<LicenseUpdate> UpdateLicensesAsync(string customerId, string userId, LicenseUpdate update, PartnerCenterCallOptions? call = null, CancellationToken cancellationToken = default) =>
        SendAsync<LicenseUpdate>(HttpMethod.Post, $"v1/customers/{Escape(customerId)}/users/{Escape(userId)}/licenseupdates", update, call, cancellationToken);

    /// <summary>The SKUs the customer has licenses of, with their counts.</summary>
    public Task<ResourceCollection<SubscribedSku>> ListSubscribedSkusAsync(string customerId, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceCollection<SubscribedSku>>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}/subscribedskus", null, null, cancellationToken);

    // Webhooks

    /// <summary>The event names a registration can subscribe to.</summary>
    public Task<IReadOnlyList<string>> ListWebhookEventsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<string>>(HttpMethod.Get, "webhooks/v1/registration/events", null, null, cancellationToken);

    /// <summary>The partner's webhook registration, or null when there is none.</summary>
    public async Task<WebhookRegistration?> GetWebhookRegistrationAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync<WebhookRegistration>(HttpMethod.Get, "webhooks/v1/registration", null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerCenterException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Registers the webhook; Partner Center answers 409 when a registration exists (use <see cref="UpdateWebhookAsync"/>).</summary>
    public Task<WebhookRegistration> RegisterWebhookAsync(WebhookRegistration registration, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookRegistration>(HttpMethod.Post, "webhooks/v1/registration", registration, null, cancellationToken);

    /// <summary>Replaces the webhook registration.</summary>
    public Task<WebhookRegistration> UpdateWebhookAsync(WebhookRegistration registration, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookRegistration>(HttpMethod.Put, "webhooks/v1/registration", registration, null, cancellationToken);

    /// <summary>Asks Partner Center to send a <c>test-created</c> event to the registered URL.</summary>
    public Task<WebhookValidation> SendWebhookValidationEventAsync(CancellationToken cancellationToken = default) =>
        SendAsync<WebhookValidation>(HttpMethod.Post, "webhooks/v1/registration/validationEvents", null, null, cancellationToken);

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static PartnerCenterRequest Request(HttpMethod method, string path, object? body, PartnerCenterCallOptions? call) =>
        new(method, path)
        {
            Body = body,
            RequestId = call?.RequestId ?? Guid.NewGuid(),
            CorrelationId = call?.CorrelationId ?? PartnerCenterCorrelation.Current ?? Guid.NewGuid(),
        };

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, PartnerCenterCallOptions? call, CancellationToken cancellationToken)
    {
        var response = await transport.SendAsync(Request(method, path, body, call), cancellationToken).ConfigureAwait(false);
        return response.ReadAs<T>();
    }

    private async IAsyncEnumerable<T> PagesAsync<T>(string firstPath, string nextPath, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new PartnerCenterRequest(HttpMethod.Get, firstPath);
        while (true)
        {
            var page = (await transport.SendAsync(request, cancellationToken).ConfigureAwait(false)).ReadAs<ResourceCollection<T>>();
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.NextContinuationToken is not { } token || page.Items.Count == 0)
            {
                yield break;
            }

            request = new PartnerCenterRequest(HttpMethod.Get, nextPath) { ContinuationToken = token };
        }
    }

    private async IAsyncEnumerable<T> OffsetPagesAsync<T>(string path, [EnumeratorCancellation] CancellationToken cancellationToken, int pageSize = 100)
    {
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await SendAsync<ResourceCollection<T>>(HttpMethod.Get, $"{path}&offset={offset}&size={pageSize}", null, null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.Items.Count < pageSize)
            {
                yield break;
            }
        }
    }
}
