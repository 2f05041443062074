using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace O365Functions.Emulators.Aps;

/// <summary>
/// The controller as CloudBlue Commerce: customer accounts with contacts, subscriptions whose resource limits sell the
/// instance's license and add-on types, service users, event subscriptions with Commerce's delivery rules, and the
/// customer's and operator's notification managers. What the application reads and writes here, it reads and writes
/// through <c>/aps/2/resources</c> with the instance's credentials.
/// </summary>
public sealed partial class ApsControllerEmulator
{
    /// <summary>The standard subscription type.</summary>
    public const string SubscriptionType = "http://aps-standard.org/types/core/subscription/1.0";

    /// <summary>The platform's account type (standard account plus contacts).</summary>
    public const string AccountType = "http://parallels.com/aps/types/pa/account/1.2";

    /// <summary>The standard service user type.</summary>
    public const string ServiceUserType = "http://aps-standard.org/types/core/service-user/1.0";

    /// <summary>The customers' notification manager type.</summary>
    public const string NotificationManagerType = "http://www.parallels.com/pa/pa-core-services/notification-manager/1.0";

    /// <summary>The operators' notification manager type.</summary>
    public const string OperatorNotificationManagerType = "http://www.parallels.com/pa/pa-core-services/pcp-notification-manager/1.0";

    /// <summary>Commerce's limits-changed event.</summary>
    public const string LimitsChangedEvent = "http://parallels.com/aps/events/pa/subscription/limits/changed";

    /// <summary>How many times Commerce delivers an event the application refuses (4xx or 5xx) before it drops it.</summary>
    public const int EventDeliveryAttempts = 10;

    private readonly ConcurrentDictionary<string, List<JsonObject>> _limits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, JsonObject> _eventSubscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _customerNotifications = Guid.NewGuid().ToString();
    private readonly string _operatorNotifications = Guid.NewGuid().ToString();
    private long _eventSerial;

    /// <summary>The notifications the application addressed to customers, by id, as they stand.</summary>
    public ConcurrentDictionary<string, JsonObject> Notifications { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The alerts the application raised in the provider's panel, in order.</summary>
    public ConcurrentQueue<JsonObject> OperatorAlerts { get; } = new();

    /// <summary>The event subscriptions the application holds, by id.</summary>
    public IReadOnlyDictionary<string, JsonObject> EventSubscriptions => _eventSubscriptions;

    /// <summary>Every event delivery, in order.</summary>
    public ConcurrentQueue<EventDelivery> Deliveries { get; } = new();

    /// <summary>A customer account with its company, postal address and technical contact; answers its id.</summary>
    public string CreateAccount(string companyName, JsonObject? properties = null)
    {
        var id = Guid.NewGuid().ToString();
        var account = new JsonObject
        {
            ["aps"] = new JsonObject { ["id"] = id, ["type"] = AccountType },
            ["companyName"] = companyName,
            ["addressPostal"] = new JsonObject
            {
                ["streetAddress"] = "1 Microsoft Way", ["locality"] = "Redmond", ["region"] = "WA", ["postalCode"] = "98052", ["countryName"] = "us",
            },
            ["techContact"] = new JsonObject
            {
                ["givenName"] = "Ada", ["familyName"] = "Lovelace", ["email"] = "ada@contoso.example", ["telVoice"] = "1#425#5550100#",
            },
        };
        foreach (var (name, value) in properties ?? [])
        {
            account[name] = value?.DeepClone();
        }

        _resources[id] = account;
        return id;
    }

    /// <summary>
    /// A subscription of <paramref name="accountId"/> with one Application Service Reference resource per entry of
    /// <paramref name="limits"/> (the license or add-on type's resource id, and its limit; null for unlimited).
    /// </summary>
    public string CreateSubscription(string accountId, IEnumerable<(string TypeApsId, long? Limit)> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var id = Guid.NewGuid().ToString();
        _resources[id] = new JsonObject
        {
            ["aps"] = new JsonObject { ["id"] = id, ["type"] = SubscriptionType },
            ["account"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = accountId } },
            ["name"] = "Microsoft 365",
        };
        var resources = new List<JsonObject>
        {
            // The tenant's own Application Service resource type, which the application ignores.
            new() { ["id"] = 1000, ["title"] = "Microsoft 365 tenant", ["apsType"] = "http://o365functions.local/aps/tenants/1.0", ["limit"] = 1, ["usage"] = 0, ["unit"] = "unit" },
        };
        resources.AddRange(limits.Select((limit, index) => ReferenceEntry(1001 + index, limit.TypeApsId, limit.Limit)));
        _limits[id] = resources;
        return id;
    }

    /// <summary>
    /// Provisions a tenant the Commerce way: only <c>aps</c> (with the subscription), <c>account</c>,
    /// <c>subscription</c> and what <paramref name="properties"/> add, such as <c>domainPrefix</c>. Refused (403) when
    /// the subscription already has its one tenant.
    /// </summary>
    public async Task<(string Id, ApsOutcome Outcome)> ProvisionTenantAsync(string subscriptionId, JsonObject? properties = null, CancellationToken cancellationToken = default)
    {
        var subscription = _resources[subscriptionId];
        var accountId = subscription["account"]!["aps"]!["id"]!.GetValue<string>();
        if (_resources.Values.Any(r => r["aps"]?["type"]?.GetValue<string>() == "http://o365functions.local/aps/tenants/1.0" && r["aps"]?["subscription"]?.GetValue<string>() == subscriptionId))
        {
            var refused = new JsonObject { ["error"] = "LimitReached", ["message"] = "The subscription already has its one Microsoft 365 tenant (limit 1)." };
            return (string.Empty, new ApsOutcome(HttpStatusCode.Forbidden, refused, 0, [], []));
        }

        var body = new JsonObject
        {
            ["aps"] = new JsonObject { ["type"] = "http://o365functions.local/aps/tenants/1.0", ["subscription"] = subscriptionId },
            ["account"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = accountId } },
            ["subscription"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = subscriptionId } },
        };
        foreach (var (name, value) in properties ?? [])
        {
            body[name] = value?.DeepClone();
        }

        return await ProvisionAsync("tenants", body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A service user of <paramref name="accountId"/>; answers its id.</summary>
    public string CreateServiceUser(string accountId, string givenName, string familyName, string login)
    {
        var id = Guid.NewGuid().ToString();
        _resources[id] = new JsonObject
        {
            ["aps"] = new JsonObject { ["id"] = id, ["type"] = ServiceUserType },
            ["account"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = accountId } },
            ["givenName"] = givenName,
            ["familyName"] = familyName,
            ["displayName"] = $"{givenName} {familyName}",
            ["login"] = login,
            ["email"] = login,
        };
        return id;
    }

    /// <summary>The limit the subscription has for a license or add-on type's resource (null when unlimited or absent).</summary>
    public long? LimitOf(string subscriptionId, string typeApsId) =>
        _limits[subscriptionId].FirstOrDefault(e => e["apsId"]?.GetValue<string>() == typeApsId)?["limit"]?.GetValue<long>();

    /// <summary>
    /// A change order: sets each limit (null removes the resource from the subscription, as a plan switch does), then
    /// delivers the limits-changed event to every resource subscribed to it, under Commerce's rules.
    /// </summary>
    public async Task<IReadOnlyList<EventDelivery>> ChangeLimitsAsync(string subscriptionId, IEnumerable<(string TypeApsId, long? Limit)> limits, CancellationToken cancellationToken = default)
    {
        SetLimits(subscriptionId, limits);
        return await RaiseLimitsChangedAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets limits without raising the event (an operator's edit the application learns of on its next read).</summary>
    public void SetLimits(string subscriptionId, IEnumerable<(string TypeApsId, long? Limit)> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var resources = _limits[subscriptionId];
        lock (resources)
        {
            foreach (var (typeApsId, limit) in limits)
            {
                var entry = resources.FirstOrDefault(e => e["apsId"]?.GetValue<string>() == typeApsId);
                if (limit is null)
                {
                    resources.RemoveAll(e => e["apsId"]?.GetValue<string>() == typeApsId);
                }
                else if (entry is null)
                {
                    resources.Add(ReferenceEntry(1001 + resources.Count, typeApsId, limit));
                }
                else
                {
                    entry["limit"] = limit;
                }
            }
        }
    }

    /// <summary>
    /// Delivers the limits-changed event of <paramref name="subscriptionId"/> to each subscriber, as Commerce does: 200
    /// or 204 is delivered; 202 is delivered again and again (here up to <see cref="ApsControllerOptions.MaxPolls"/>
    /// times); any other answer is retried up to <see cref="EventDeliveryAttempts"/> times, then dropped.
    /// </summary>
    public async Task<IReadOnlyList<EventDelivery>> RaiseLimitsChangedAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        var deliveries = new List<EventDelivery>();
        foreach (var subscription in _eventSubscriptions.Values.Where(s =>
            s["event"]?.GetValue<string>() == LimitsChangedEvent && s["source"]?["id"]?.GetValue<string>() == subscriptionId).ToList())
        {
            var resourceId = subscription["resource"]!.GetValue<string>();
            var service = ServiceOf(resourceId);
            var body = new JsonObject
            {
                ["event"] = LimitsChangedEvent,
                ["time"] = Clock().ToString("O", CultureInfo.InvariantCulture),
                ["serial"] = Interlocked.Increment(ref _eventSerial),
                ["subscription"] = subscriptionId,
                ["source"] = new JsonObject { ["id"] = subscriptionId, ["type"] = SubscriptionType },
            };
            var path = $"{service}/{resourceId}/{subscription["handler"]!.GetValue<string>()}";
            var attempts = 0;
            var accepted = 0;
            HttpStatusCode status;
            while (true)
            {
                attempts++;
                using var response = await SendAsync(HttpMethod.Post, path, body, cancellationToken: cancellationToken).ConfigureAwait(false);
                status = response.StatusCode;
                if (status is HttpStatusCode.OK or HttpStatusCode.NoContent)
                {
                    break;
                }

                if ((status == HttpStatusCode.Accepted ? ++accepted >= _options.MaxPolls : attempts - accepted >= EventDeliveryAttempts) || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(10 * _options.RetryTimeScale), cancellationToken).ConfigureAwait(false);
            }

            var delivery = new EventDelivery(resourceId, path, attempts, status, status is HttpStatusCode.OK or HttpStatusCode.NoContent);
            Deliveries.Enqueue(delivery);
            deliveries.Add(delivery);
        }

        return deliveries;
    }

    /// <summary>
    /// A subscription's entry for an Application Service Reference resource type that sells the license or add-on type
    /// <paramref name="typeApsId"/>; without <paramref name="limit"/> the resource type is unlimited.
    /// </summary>
    private JsonObject ReferenceEntry(int resourceTypeId, string typeApsId, long? limit)
    {
        var type = _resources.GetValueOrDefault(typeApsId);
        var entry = new JsonObject
        {
            ["id"] = resourceTypeId,
            ["title"] = type?["name"]?.DeepClone() ?? typeApsId,
            ["apsId"] = typeApsId,
            ["apsType"] = type?["aps"]?["type"]?.DeepClone(),
            ["applicationId"] = InstanceId,
            ["usage"] = 0,
            ["unit"] = "unit",
            ["autoprovisioning"] = false,
        };
        if (limit is { } value)
        {
            entry["limit"] = value;
        }

        return entry;
    }

    /// <summary>The application's service for a resource it provisioned through this controller.</summary>
    private string ServiceOf(string resourceId) =>
        _resources.TryGetValue(resourceId, out var resource) && resource["aps"]?["type"]?.GetValue<string>() is { } type
            ? type.Split('/')[^2]
            : "tenants";

    private void MapCommerce(WebApplication server)
    {
        server.MapGet("/aps/2/resources", (HttpContext context) =>
        {
            if (!Authorized(context))
            {
                return Results.StatusCode(401);
            }

            var query = Uri.UnescapeDataString(context.Request.QueryString.Value ?? string.Empty);
            var found = new JsonArray();
            if (query.Contains($"implementing({NotificationManagerType})", StringComparison.Ordinal))
            {
                found.Add(new JsonObject { ["aps"] = new JsonObject { ["id"] = _customerNotifications, ["type"] = NotificationManagerType } });
            }
            else if (query.Contains($"implementing({OperatorNotificationManagerType})", StringComparison.Ordinal))
            {
                found.Add(new JsonObject { ["aps"] = new JsonObject { ["id"] = _operatorNotifications, ["type"] = OperatorNotificationManagerType } });
            }

            return Results.Json(found);
        });
        server.MapGet("/aps/2/resources/{id}/resources", (HttpContext context, string id) =>
        {
            if (!Authorized(context))
            {
                return Results.StatusCode(401);
            }

            if (!_limits.TryGetValue(id, out var resources))
            {
                return Results.NotFound();
            }

            lock (resources)
            {
                return Results.Json(new JsonArray([.. resources.Select(r => (JsonNode)r.DeepClone())]));
            }
        });
        server.MapGet("/aps/2/resources/{id}/users", (HttpContext context, string id) =>
            !Authorized(context) ? Results.StatusCode(401)
            : Results.Json(new JsonArray([.. _resources.Values
                .Where(r => r["aps"]?["type"]?.GetValue<string>() == "http://parallels.com/aps/types/pa/admin-user/1.0" && r["account"]?["aps"]?["id"]?.GetValue<string>() == id)
                .Select(r => (JsonNode)r.DeepClone())])));
        server.MapPost("/aps/2/resources/{id}/aps/subscriptions", async (HttpContext context, string id) =>
        {
            if (!Authorized(context))
            {
                return Results.StatusCode(401);
            }

            var body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false) as JsonObject;
            if (body?["event"] is null || body["source"]?["id"] is null || body["handler"] is null)
            {
                return Results.Json(new JsonObject { ["error"] = "InvalidSubscription", ["message"] = "An event subscription needs event, source.id and handler." }, statusCode: 400);
            }

            var subscriptionId = Guid.NewGuid().ToString();
            body["id"] = subscriptionId;
            body["resource"] = id;
            _eventSubscriptions[subscriptionId] = body;
            return Results.Json(body, statusCode: 201);
        });
        server.MapDelete("/aps/2/resources/{id}/aps/subscriptions/{subscriptionId}", (HttpContext context, string id, string subscriptionId) =>
            !Authorized(context) ? Results.StatusCode(401)
            : _eventSubscriptions.TryGetValue(subscriptionId, out var held) && held["resource"]?.GetValue<string>() == id && _eventSubscriptions.TryRemove(subscriptionId, out _)
                ? Results.NoContent()
                : Results.NotFound());
        server.MapPost("/aps/2/resources/{manager}/notifications", async (HttpContext context, string manager) =>
        {
            if (!Authorized(context))
            {
                return Results.StatusCode(401);
            }

            var body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false) as JsonObject ?? [];
            if (manager == _operatorNotifications)
            {
                if (body["message"] is null || body["type"]?.GetValue<string>() is not ("info" or "warning" or "error"))
                {
                    return Results.Json(new JsonObject { ["error"] = "InvalidNotification", ["message"] = "An operator notification needs type (info, warning or error) and message." }, statusCode: 400);
                }

                OperatorAlerts.Enqueue(body);
                return Results.Json(body, statusCode: 201);
            }

            if (manager != _customerNotifications)
            {
                return Results.NotFound();
            }

            if (body["message"]?["message"] is null || body["status"] is null || (body["accountId"] is null && body["userId"] is null))
            {
                return Results.Json(new JsonObject { ["error"] = "InvalidNotification", ["message"] = "A notification needs status, message.message and accountId or userId." }, statusCode: 400);
            }

            var notificationId = Guid.NewGuid().ToString();
            body["id"] = notificationId;
            Notifications[notificationId] = body;
            return Results.Json(body, statusCode: 201);
        });
        server.MapPut("/aps/2/resources/{manager}/notifications/{id}", async (HttpContext context, string manager, string id) =>
        {
            if (!Authorized(context))
            {
                return Results.StatusCode(401);
            }

            if (manager != _customerNotifications || !Notifications.TryGetValue(id, out var held))
            {
                return Results.NotFound();
            }

            foreach (var (name, value) in await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false) as JsonObject ?? [])
            {
                held[name] = value?.DeepClone();
            }

            return Results.Json(held);
        });
        server.MapDelete("/aps/2/resources/{manager}/notifications/{id}", (HttpContext context, string manager, string id) =>
            !Authorized(context) ? Results.StatusCode(401)
            : manager == _customerNotifications && Notifications.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound());
    }
}

/// <summary>One delivery of an event to the application.</summary>
/// <param name="ResourceId">The subscribed resource.</param>
/// <param name="Path">The handler's path under the application's endpoint.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="LastStatus">The application's last answer.</param>
/// <param name="Delivered">Whether Commerce counts it delivered (200 or 204).</param>
public sealed record EventDelivery(string ResourceId, string Path, int Attempts, HttpStatusCode LastStatus, bool Delivered);
