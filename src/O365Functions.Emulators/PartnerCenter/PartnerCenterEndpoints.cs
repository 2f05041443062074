using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using O365Functions.Emulators.Webhooks;

namespace O365Functions.Emulators.PartnerCenter;

/// <summary>
/// The Partner Center endpoints the gateway uses, with the service's documented rules: 403/2030 for a country the
/// partner may not sell in, 409/27009 for an add-on bought or reactivated while its parent is not active, 400/2055 for
/// a stale ETag, 400/900117 past the new-commerce cancellation window, 403/13605 without a Microsoft Customer Agreement
/// attestation. Requests are read case-insensitively; answers are camelCase with numeric error codes.
/// </summary>
internal static class PartnerCenterEndpoints
{
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };
    private static readonly string[] RequiredAddressFields = ["addressLine1", "city", "state", "postalCode", "country"];

    public static void Map(IEndpointRouteBuilder routes, PartnerCenterState state, MicrosoftEmulatorOptions options, EmulatorClock clock, WebhookDispatcher webhooks)
    {
        routes.MapPost("/v1/customers", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            var domain = Text(body, "companyProfile", "domain");
            var address = body?["billingProfile"]?["defaultAddress"];
            var country = Text(address, "country");
            if (domain is null || country is null)
            {
                return Error(400, 800002, "companyProfile.domain and billingProfile.defaultAddress.country are required.");
            }

            if (!options.AllowedCountries.Contains(country))
            {
                return Error(403, 2030, $"The partner is not onboarded to sell in country '{country}'.");
            }

            lock (state.Gate)
            {
                if (state.ForeignDomains.Contains(domain) || state.Customers.Values.Any(c => c.Domain.Equals(domain, StringComparison.OrdinalIgnoreCase)))
                {
                    return Error(409, 1000, $"The domain '{domain}' is already in use.");
                }

                var customer = new EmulatedCustomer(
                    Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), domain,
                    Text(body, "billingProfile", "companyName") ?? domain, country.ToUpperInvariant(),
                    Text(body, "billingProfile", "email"), Text(body, "associatedPartnerId"));
                state.Customers[customer.Id] = customer;
                var created = CustomerJson(customer);
                created["userCredentials"] = new JsonObject { ["userName"] = "admin", ["password"] = "Emulated-" + Guid.NewGuid().ToString("N")[..12] };
                return Json(created, 201);
            }
        });

        routes.MapGet("/v1/customers", (HttpRequest request) =>
        {
            var size = int.TryParse(request.Query["size"], CultureInfo.InvariantCulture, out var requested) && requested > 0 ? requested : 100;
            var filter = request.Query["filter"].ToString();
            List<EmulatedCustomer> all;
            lock (state.Gate)
            {
                all = [.. state.Customers.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];
            }

            if (filter.Length > 0)
            {
                var query = JsonNode.Parse(filter, CaseInsensitive);
                var prefix = Text(query, "value") ?? string.Empty;
                var byDomain = string.Equals(Text(query, "field"), "Domain", StringComparison.OrdinalIgnoreCase);
                var matches = all.Where(c => (byDomain ? c.Domain : c.CompanyName).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
                return Json(Collection(matches.Select(CustomerJson), matches.Count, null));
            }

            var offset = request.Headers["MS-ContinuationToken"].ToString() is { Length: > 0 } token
                ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture)
                : 0;
            var page = all.Skip(offset).Take(size).ToList();
            var next = offset + page.Count < all.Count
                ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + page.Count).ToString(CultureInfo.InvariantCulture)))
                : null;
            return Json(Collection(page.Select(CustomerJson), all.Count, next));
        });

        routes.MapGet("/v1/customers/relationshiprequests", () => Json(new JsonObject
        {
            ["url"] = $"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={options.PartnerTenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
            ["attributes"] = new JsonObject { ["objectType"] = "RelationshipRequest" },
        }));

        routes.MapGet("/v1/customers/{customerId}", (string customerId) =>
        {
            lock (state.Gate)
            {
                return state.Customers.TryGetValue(customerId, out var customer) ? Json(CustomerJson(customer)) : TenantNotFound(customerId);
            }
        });

        routes.MapPost("/v1/customers/{customerId}/agreements", async (string customerId, HttpRequest request) =>
        {
            var body = await ReadAsync(request) ?? new JsonObject();
            lock (state.Gate)
            {
                if (!state.Customers.TryGetValue(customerId, out var customer))
                {
                    return TenantNotFound(customerId);
                }

                if (!string.Equals(Text(body, "templateId"), options.AgreementTemplateId, StringComparison.OrdinalIgnoreCase))
                {
                    return Error(400, 800002, $"The templateId '{Text(body, "templateId")}' is not the agreement template in force; read it from GET /v1/agreements.");
                }

                customer.AgreementAttested = true;
                body["userId"] = Guid.NewGuid().ToString();
                return Json(body, 201);
            }
        });

        routes.MapGet("/v1/agreements", (HttpRequest request) =>
        {
            var type = request.Query["agreementType"].ToString();
            var templates = new List<JsonNode>();
            if (type.Length == 0 || type.Equals("MicrosoftCustomerAgreement", StringComparison.OrdinalIgnoreCase))
            {
                templates.Add(new JsonObject
                {
                    ["templateId"] = options.AgreementTemplateId,
                    ["agreementType"] = "MicrosoftCustomerAgreement",
                    ["agreementLink"] = "https://aka.ms/customeragreement",
                    ["versionRank"] = 1,
                });
            }

            return Json(Collection(templates, templates.Count, null));
        });

        routes.MapGet("/v1/relationships", (HttpRequest request) =>
        {
            var type = request.Query["relationship_type"].ToString();
            if (!type.Equals("IsIndirectCloudSolutionProviderOf", StringComparison.OrdinalIgnoreCase))
            {
                return Error(400, 800002, $"relationship_type '{type}' is not one this partner can list; an indirect provider lists IsIndirectCloudSolutionProviderOf.");
            }

            var resellers = options.IndirectResellers.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("reseller:" + r.Key)).AsSpan(0, 16)).ToString(),
                ["name"] = r.Value,
                ["relationshipType"] = "IsIndirectCloudSolutionProviderOf",
                ["state"] = "Active",
                ["mpnId"] = r.Key,
                ["location"] = "US",
                ["attributes"] = new JsonObject { ["objectType"] = "PartnerRelationship" },
            }).ToList();
            return Json(Collection(resellers, resellers.Count, null));
        });

        routes.MapMethods("/v1/domains/{domain}", ["HEAD"], (string domain) =>
        {
            lock (state.Gate)
            {
                var taken = state.ForeignDomains.Contains(domain) || state.Customers.Values.Any(c => c.Domain.Equals(domain, StringComparison.OrdinalIgnoreCase));
                return Results.StatusCode(taken ? 200 : 404);
            }
        });

        routes.MapPost("/v1/validations/address", async (HttpRequest request) =>
        {
            var address = await ReadAsync(request) ?? new JsonObject();
            var complete = RequiredAddressFields.All(field => Text(address, field) is { Length: > 0 });
            return Json(new JsonObject
            {
                ["originalAddress"] = address.DeepClone(),
                ["suggestedAddresses"] = complete ? new JsonArray(address.DeepClone()) : new JsonArray(),
                ["status"] = complete ? "VerifiedShippable" : "None",
                ["validationMessage"] = complete ? null : "The address is incomplete.",
            });
        });

        routes.MapPost("/v1/customers/{customerId}/orders", async (string customerId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            lock (state.Gate)
            {
                if (!state.Customers.TryGetValue(customerId, out var customer))
                {
                    return TenantNotFound(customerId);
                }

                var order = new EmulatedOrder(NewId(), customerId, Text(body, "billingCycle") ?? "monthly", clock.GetUtcNow()) { Slow = state.NextOrderIsSlow() };
                if (AddLines(state, customer, order, body?["lineItems"] as JsonArray, firstLineNumber: 0) is { } refusal)
                {
                    return refusal;
                }

                state.Keep(order);
                return Json(OrderJson(state, order), 201);
            }
        });

        routes.MapMethods("/v1/customers/{customerId}/orders/{orderId}", ["PATCH"], async (string customerId, string orderId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            lock (state.Gate)
            {
                if (!state.Customers.TryGetValue(customerId, out var customer))
                {
                    return TenantNotFound(customerId);
                }

                if (!state.Orders.TryGetValue(orderId, out var order) || order.CustomerId != customerId)
                {
                    return Error(404, 20000, $"Order '{orderId}' was not found.");
                }

                return AddLines(state, customer, order, body?["lineItems"] as JsonArray, order.Lines.Count) ?? Json(OrderJson(state, order));
            }
        });

        routes.MapGet("/v1/customers/{customerId}/orders/{orderId}", (string customerId, string orderId) =>
        {
            lock (state.Gate)
            {
                return state.Orders.TryGetValue(orderId, out var order) && order.CustomerId == customerId
                    ? Json(OrderJson(state, order))
                    : Error(404, 20000, $"Order '{orderId}' was not found.");
            }
        });

        routes.MapGet("/v1/customers/{customerId}/orders/{orderId}/provisioningstatus", (string customerId, string orderId) =>
        {
            lock (state.Gate)
            {
                if (!state.Orders.TryGetValue(orderId, out var order) || order.CustomerId != customerId)
                {
                    return Error(404, 20000, $"Order '{orderId}' was not found.");
                }

                var status = state.IsProvisioned(order.CreatedAt, order.Slow) ? "Fulfilled" : "PrefulfillmentPending";
                var items = order.Lines.Select(line => (JsonNode)new JsonObject { ["lineItemNumber"] = line.LineItemNumber, ["status"] = status });
                return Json(Collection(items, order.Lines.Count, null));
            }
        });

        routes.MapGet("/v1/customers/{customerId}/subscriptions", (string customerId) =>
        {
            lock (state.Gate)
            {
                var all = state.Subscriptions.Values.Where(s => s.CustomerId == customerId).OrderBy(s => s.CreatedAt).ToList();
                var subscriptions = all.Where(s => s.UnlistedReads == 0).ToList();
                all.Where(s => s.UnlistedReads > 0).ToList().ForEach(s => s.UnlistedReads--);
                var listed = options.PartialSubscriptionLists ? subscriptions.Where((_, index) => index % 2 == 0) : subscriptions;
                return Json(Collection(listed.Select(s => SubscriptionJson(state, s)), subscriptions.Count, null));
            }
        });

        routes.MapGet("/v1/customers/{customerId}/subscriptions/{subscriptionId}", (string customerId, string subscriptionId) =>
        {
            lock (state.Gate)
            {
                return Find(state, customerId, subscriptionId) is { } subscription ? Json(SubscriptionJson(state, subscription)) : SubscriptionNotFound(subscriptionId);
            }
        });

        routes.MapGet("/v1/customers/{customerId}/subscriptions/{subscriptionId}/addons", (string customerId, string subscriptionId) =>
        {
            lock (state.Gate)
            {
                var addons = state.Subscriptions.Values.Where(s => s.CustomerId == customerId && s.ParentSubscriptionId == subscriptionId).ToList();
                return Json(Collection(addons.Select(s => SubscriptionJson(state, s)), addons.Count, null));
            }
        });

        routes.MapMethods("/v1/customers/{customerId}/subscriptions/{subscriptionId}", ["PATCH"], async (string customerId, string subscriptionId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            lock (state.Gate)
            {
                if (Find(state, customerId, subscriptionId) is not { } subscription)
                {
                    return SubscriptionNotFound(subscriptionId);
                }

                if (request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && ifMatch != subscription.ETag)
                {
                    return Error(400, 2055, "The ETag is no longer valid; read the subscription again.");
                }

                var status = Text(body, "status")?.ToLowerInvariant();
                state.Settle(subscription);
                if (status == "deleted" && state.PastCancellationWindow(subscription))
                {
                    return Error(400, 900117, $"The subscription is past its {options.CancellationWindow.TotalHours:0}-hour cancellation window.");
                }

                int? seats = body?["quantity"] is JsonValue quantity && quantity.TryGetValue<int>(out var requested) ? requested : null;
                if (seats is { } changed && QuantityRefusal(subscription.OfferId, changed) is { } outOfRange)
                {
                    return outOfRange;
                }

                if (seats < subscription.Quantity && state.PastCancellationWindow(subscription))
                {
                    return Error(400, 800090, $"The quantity cannot be decreased: the subscription is past its {options.CancellationWindow.TotalHours:0}-hour cancellation window.");
                }

                // The next term's seats: new commerce only, at least one; the current term's seats do not change.
                int? scheduled = body?["scheduledNextTermInstructions"] is JsonObject instructions && instructions["quantity"] is JsonValue next && next.TryGetValue<int>(out var nextSeats)
                    ? nextSeats
                    : null;
                if (scheduled is not null)
                {
                    if (!subscription.IsNewCommerce)
                    {
                        return Error(400, 800002, "Scheduled next-term instructions apply to new-commerce subscriptions only.");
                    }

                    if (QuantityRefusal(subscription.OfferId, scheduled.Value) is { } nextOutOfRange)
                    {
                        return nextOutOfRange;
                    }
                }

                var newStatus = status is "active" or "suspended" or "deleted" ? status : null;
                if (newStatus == "active" && state.StatusOf(subscription) != "active" && subscription.ParentSubscriptionId is { } parentId
                    && state.Subscriptions.TryGetValue(parentId, out var parent) && state.StatusOf(state.Settle(parent)) != "active")
                {
                    return Error(409, 27009, $"The add-on cannot be enabled while its parent subscription '{parentId}' is not active.");
                }

                if (options.SubscriptionChangeDelay > TimeSpan.Zero && (seats != subscription.Quantity || newStatus is not null))
                {
                    subscription.PendingChange = (seats, newStatus, clock.GetUtcNow() + options.SubscriptionChangeDelay);
                    subscription.Version++;
                    // As Microsoft's documentation shows it: without the version segment.
                    var location = $"/customers/{customerId}/subscriptions/{subscriptionId}";
                    return new AcceptedAt(Json(SubscriptionJson(state, subscription), 202), location);
                }

                subscription.Quantity = seats ?? subscription.Quantity;
                subscription.ExplicitStatus = newStatus ?? subscription.ExplicitStatus;

                if (body?["autoRenewEnabled"] is JsonValue renew && renew.TryGetValue<bool>(out var autoRenew))
                {
                    subscription.AutoRenewEnabled = autoRenew;
                }

                subscription.FriendlyName = Text(body, "friendlyName") ?? subscription.FriendlyName;
                if (scheduled is not null)
                {
                    subscription.ScheduledQuantity = scheduled == subscription.Quantity ? null : scheduled;
                }

                subscription.Version++;
                _ = webhooks.NotifyAsync(
                    "subscription-updated", $"https://api.partnercenter.microsoft.com/webhooks/v1/customers/{customerId}/subscriptions/{subscriptionId}", "subscription");
                return Json(SubscriptionJson(state, subscription));
            }
        });

        routes.MapGet("/webhooks/v1/registration/events", () =>
            Json(new JsonArray("test-created", "subscription-updated", "reseller-relationship-accepted-by-customer", "invoice-ready")));
    }

    internal static IResult? AddLines(PartnerCenterState state, EmulatedCustomer customer, EmulatedOrder order, JsonArray? lines, int firstLineNumber)
    {
        if (lines is null || lines.Count == 0)
        {
            return Error(400, 800002, "An order needs at least one line item.");
        }

        var numbers = lines.Select(line => line?["lineItemNumber"]?.GetValue<int>() ?? -1).Order().ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(firstLineNumber, lines.Count)))
        {
            return Error(400, 800071, $"Line item numbers must run from {firstLineNumber} to {firstLineNumber + lines.Count - 1}.");
        }

        var added = new List<(EmulatedOrderLine Line, EmulatedSubscription Subscription)>();
        foreach (var line in lines)
        {
            var offerId = Text(line, "offerId");
            var quantity = line?["quantity"]?.GetValue<int>() ?? 0;
            if (offerId is null || quantity < 1)
            {
                return Error(400, 800002, "Every line item needs an offerId and a quantity of at least 1.");
            }

            if (QuantityRefusal(offerId, quantity) is { } outOfRange)
            {
                return outOfRange;
            }

            if (offerId.Contains(':', StringComparison.Ordinal) && !customer.AgreementAttested)
            {
                return Error(403, 13605, "The customer's acceptance of the Microsoft Customer Agreement must be attested first.");
            }

            if (Text(line, "partnerIdOnRecord") is { } reseller && !state.IsIndirectReseller(reseller))
            {
                return Error(404, 2072, $"MPN ID {reseller} is not valid as partner of record: it is not one of the partner's indirect resellers.");
            }

            var parentId = Text(line, "parentSubscriptionId");
            if (parentId is not null && (!state.Subscriptions.TryGetValue(parentId, out var parent) || state.StatusOf(parent) != "active"))
            {
                return Error(409, 27009, $"The add-on cannot be enabled while its parent subscription '{parentId}' is not active.");
            }

            var subscription = new EmulatedSubscription
            {
                Id = Guid.NewGuid().ToString(),
                CustomerId = customer.Id,
                OrderId = order.Id,
                OfferId = offerId,
                ParentSubscriptionId = parentId,
                CreatedAt = order.CreatedAt,
                Slow = order.Slow,
                Quantity = quantity,
                FriendlyName = Text(line, "friendlyName"),
                PartnerIdOnRecord = Text(line, "partnerIdOnRecord"),
                TermDuration = Text(line, "termDuration") ?? "P1M",
                BillingCycle = Text(line, "billingCycle") ?? order.BillingCycle,
                UnlistedReads = state.ListingLagReads,
            };
            added.Add((new EmulatedOrderLine(line!["lineItemNumber"]!.GetValue<int>(), offerId, quantity, subscription.FriendlyName, parentId, subscription.Id), subscription));
        }

        foreach (var (line, subscription) in added)
        {
            order.Lines.Add(line);
            state.Subscriptions[subscription.Id] = subscription;
        }

        return null;
    }

    /// <summary>
    /// Microsoft's 400/2002 for seats outside what the offer allows: a legacy offer's minimum and maximum quantity, a
    /// new-commerce SKU's seat limit, and at least one seat always.
    /// </summary>
    internal static IResult? QuantityRefusal(string offerId, int quantity)
    {
        var (minimum, maximum) = EmulatedCatalog.Offer(offerId) is { } offer
            ? (offer.MinimumQuantity, offer.MaximumQuantity)
            : (1, offerId.Contains(':', StringComparison.Ordinal) ? EmulatedCatalog.MaximumSeats : int.MaxValue);
        return quantity < minimum || quantity > maximum
            ? Error(400, 2002, $"The quantity {quantity} is outside what offer '{offerId}' allows: from {minimum} to {maximum}.")
            : null;
    }

    internal static EmulatedSubscription? Find(PartnerCenterState state, string customerId, string subscriptionId) =>
        state.Subscriptions.TryGetValue(subscriptionId, out var subscription) && subscription.CustomerId == customerId ? state.Settle(subscription) : null;

    internal static JsonObject CustomerJson(EmulatedCustomer customer) => new()
    {
        ["id"] = customer.Id,
        ["commerceId"] = customer.CommerceId,
        ["companyProfile"] = new JsonObject
        {
            ["tenantId"] = customer.Id,
            ["domain"] = customer.Domain,
            ["companyName"] = customer.CompanyName,
            ["attributes"] = new JsonObject { ["objectType"] = "CustomerCompanyProfile" },
        },
        ["billingProfile"] = new JsonObject
        {
            ["email"] = customer.Email,
            ["companyName"] = customer.CompanyName,
            ["defaultAddress"] = new JsonObject { ["country"] = customer.Country },
            ["attributes"] = new JsonObject { ["objectType"] = "CustomerBillingProfile", ["etag"] = "1" },
        },
        ["relationshipToPartner"] = "reseller",
        ["associatedPartnerId"] = customer.AssociatedPartnerId,
        ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
    };

    internal static JsonObject OrderJson(PartnerCenterState state, EmulatedOrder order) => new()
    {
        ["id"] = order.Id,
        ["referenceCustomerId"] = order.CustomerId,
        ["billingCycle"] = order.BillingCycle,
        ["lineItems"] = new JsonArray([.. order.Lines.Select(line => (JsonNode)new JsonObject
        {
            ["lineItemNumber"] = line.LineItemNumber,
            ["offerId"] = line.OfferId,
            ["subscriptionId"] = line.SubscriptionId,
            ["parentSubscriptionId"] = line.ParentSubscriptionId,
            ["friendlyName"] = line.FriendlyName,
            ["quantity"] = line.Quantity,
        })]),
        ["creationDate"] = order.CreatedAt,
        ["status"] = state.StatusOf(order),
        ["attributes"] = new JsonObject { ["objectType"] = "Order" },
    };

    internal static JsonObject SubscriptionJson(PartnerCenterState state, EmulatedSubscription subscription) => new()
    {
        ["cancellationAllowedUntilDate"] = subscription.IsNewCommerce ? state.Settle(subscription).TermStart + state.CancellationWindow : null,
        ["commitmentEndDate"] = subscription.IsNewCommerce ? subscription.CommitmentEnd : null,
        ["termDuration"] = subscription.IsNewCommerce ? subscription.TermDuration : null,
        ["billingCycle"] = subscription.BillingCycle,
        ["scheduledNextTermInstructions"] = subscription.ScheduledQuantity is { } next
            ? new JsonObject
            {
                ["product"] = new JsonObject
                {
                    ["productId"] = subscription.OfferId.Split(':')[0],
                    ["skuId"] = subscription.OfferId.Split(':')[1],
                    ["availabilityId"] = subscription.OfferId.Split(':')[2],
                    ["termDuration"] = subscription.TermDuration,
                },
                ["quantity"] = next,
            }
            : null,
        ["quantity"] = state.Settle(subscription).Quantity,
        ["id"] = subscription.Id,
        ["offerId"] = subscription.OfferId,
        ["friendlyName"] = subscription.FriendlyName,
        ["status"] = state.StatusOf(subscription),
        ["autoRenewEnabled"] = subscription.AutoRenewEnabled,
        ["parentSubscriptionId"] = subscription.ParentSubscriptionId,
        ["partnerId"] = subscription.PartnerIdOnRecord,
        ["orderId"] = subscription.OrderId,
        ["creationDate"] = subscription.CreatedAt,
        ["attributes"] = new JsonObject { ["objectType"] = "Subscription", ["etag"] = subscription.ETag },
    };

    internal static JsonObject Collection(IEnumerable<JsonNode> items, int totalCount, string? continuationToken)
    {
        var collection = new JsonObject
        {
            ["totalCount"] = totalCount,
            ["items"] = new JsonArray([.. items]),
            ["attributes"] = new JsonObject { ["objectType"] = "Collection" },
        };
        if (continuationToken is not null)
        {
            collection["continuationToken"] = continuationToken;
            collection["links"] = new JsonObject
            {
                ["next"] = new JsonObject
                {
                    ["uri"] = "/customers?seekOperation=Next",
                    ["method"] = "GET",
                    ["headers"] = new JsonArray(new JsonObject { ["key"] = "MS-ContinuationToken", ["value"] = continuationToken }),
                },
            };
        }

        return collection;
    }

    internal static async Task<JsonNode?> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength is 0)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text, CaseInsensitive);
    }

    internal static string? Text(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    internal static string NewId() => Guid.NewGuid().ToString("N")[..20];

    internal static IResult TenantNotFound(string customerId) => Error(404, 60003, $"Tenant '{customerId}' was not found.");

    internal static IResult SubscriptionNotFound(string subscriptionId) => Error(404, 20003, $"Subscription '{subscriptionId}' was not found.");

    internal static IResult Error(int status, int code, string description) =>
        Json(new JsonObject { ["code"] = code, ["description"] = description, ["data"] = new JsonArray(), ["source"] = "PartnerFD" }, status);

    /// <summary>An answer with a <c>Location</c> header added.</summary>
    private sealed class AcceptedAt(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }

    internal static IResult Json(JsonNode node, int status = 200) =>
        Results.Text(node.ToJsonString(), "application/json", Encoding.UTF8, status);
}
