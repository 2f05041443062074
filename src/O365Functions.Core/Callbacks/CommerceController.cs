using System.Text.Json;
using System.Text.Json.Nodes;

namespace O365Functions.Core.Callbacks;

/// <summary>
/// What the gateway asks of CloudBlue Commerce, over <see cref="IApsController"/>: a subscription's limits, the
/// customer's account, a service user, the limits-changed event subscription and the on-screen notifications. Names
/// come from <see cref="CommerceContract"/>; what Commerce leaves out is read as absent, never as an error.
/// </summary>
public sealed class CommerceController(IApsController controller)
{
    /// <summary>A resource as the controller holds it, or null.</summary>
    public async Task<JsonObject?> GetResourceAsync(string instanceId, string resourceId, ApsCallContext? context = null, CancellationToken cancellationToken = default) =>
        await controller.SendAsync(instanceId, ApsControllerRequest.Resource(HttpMethod.Get, resourceId, context: context), cancellationToken).ConfigureAwait(false) as JsonObject;

    /// <summary>Writes <paramref name="properties"/> onto a resource.</summary>
    public Task UpdateResourceAsync(string instanceId, string resourceId, JsonObject properties, ApsCallContext? context = null, CancellationToken cancellationToken = default) =>
        controller.SendAsync(instanceId, ApsControllerRequest.Resource(HttpMethod.Put, resourceId, body: properties, context: context), cancellationToken);

    /// <summary>
    /// The limits of the subscription's resources that reference one of <paramref name="typeApsIds"/> (the instance's
    /// license and add-on types); every other entry (the tenant's own resource type, other applications) is left out.
    /// </summary>
    public async Task<IReadOnlyList<SubscriptionResourceLimit>> ReadLimitsAsync(
        string instanceId, string subscriptionId, IReadOnlySet<string> typeApsIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeApsIds);
        var answer = await controller.SendAsync(instanceId, ApsControllerRequest.Resource(HttpMethod.Get, subscriptionId, "/resources"), cancellationToken).ConfigureAwait(false)
            ?? throw new ApsControllerException($"The controller has no subscription {subscriptionId}: the tenant's 'subscription' link must name the customer's subscription.", 404);
        var limits = new List<SubscriptionResourceLimit>();
        foreach (var entry in (answer as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(entry, "apsId") is { } apsId && typeApsIds.Contains(apsId))
            {
                limits.Add(new SubscriptionResourceLimit(apsId, Text(entry, "title"), Number(entry, "limit")));
            }
        }

        return limits;
    }

    /// <summary>
    /// The customer's account: company and address from <c>core/account</c>, contacts from the platform's account type;
    /// where it names no contact, its first staff member stands in. Null when the controller has no such account.
    /// </summary>
    public async Task<CommerceAccount?> ReadAccountAsync(string instanceId, string accountId, CancellationToken cancellationToken = default)
    {
        if (await GetResourceAsync(instanceId, accountId, cancellationToken: cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return null;
        }

        var address = account["addressPostal"] is JsonObject postal
            ? new CommerceAddress(Text(postal, "streetAddress"), Text(postal, "extendedAddress"), Text(postal, "locality"), Text(postal, "region"),
                Text(postal, "postalCode"), Text(postal, "countryName")?.ToUpperInvariant())
            : null;
        var contacts = CommerceContract.ContactProperties.Select(name => Contact(account[name] as JsonObject)).ToList();
        if (contacts.All(c => c is null))
        {
            var staff = await controller.SendAsync(instanceId,
                ApsControllerRequest.Resource(HttpMethod.Get, accountId, $"/users?implementing({CommerceContract.AdminUserType})"), cancellationToken).ConfigureAwait(false);
            var first = Contact((staff as JsonArray)?.OfType<JsonObject>().FirstOrDefault());
            contacts = [first, null, null];
        }

        return new CommerceAccount(Text(account, "companyName"), address, contacts[0], contacts[1], contacts[2]);
    }

    /// <summary>The service user, or null when the controller has none by that id.</summary>
    public async Task<ServiceUser?> ReadServiceUserAsync(string instanceId, string serviceUserId, CancellationToken cancellationToken = default) =>
        await GetResourceAsync(instanceId, serviceUserId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } user
            ? new ServiceUser(Text(user, "givenName"), Text(user, "familyName"), Text(user, "displayName") ?? Text(user, "fullName"), Text(user, "login"), Text(user, "email"))
            : null;

    /// <summary>Subscribes the tenant to its subscription's limit changes; answers the event subscription's id.</summary>
    public async Task<string?> SubscribeToLimitChangesAsync(string instanceId, string tenantApsId, string subscriptionId, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["event"] = CommerceContract.LimitsChangedEvent,
            ["source"] = new JsonObject { ["id"] = subscriptionId },
            ["handler"] = CommerceContract.LimitsChangedHandler,
        };
        var answer = await controller.SendAsync(instanceId, ApsControllerRequest.Resource(HttpMethod.Post, tenantApsId, "/aps/subscriptions", body), cancellationToken).ConfigureAwait(false);
        return answer is JsonObject created ? Text(created, "id") : null;
    }

    /// <summary>Ends an event subscription of the tenant.</summary>
    public Task UnsubscribeAsync(string instanceId, string tenantApsId, string eventSubscriptionId, CancellationToken cancellationToken = default) =>
        controller.SendAsync(instanceId,
            ApsControllerRequest.Resource(HttpMethod.Delete, tenantApsId, $"/aps/subscriptions/{Uri.EscapeDataString(eventSubscriptionId)}"), cancellationToken);

    /// <summary>The id of the first resource implementing <paramref name="type"/>, such as a notification manager, or null.</summary>
    public async Task<string?> FindImplementingAsync(string instanceId, string type, CancellationToken cancellationToken = default) =>
        await controller.SendAsync(instanceId, new ApsControllerRequest(HttpMethod.Get, $"aps/2/resources?implementing({type})"), cancellationToken).ConfigureAwait(false) is JsonArray found
            ? found.OfType<JsonObject>().Select(r => (r["aps"] as JsonObject) is { } aps ? Text(aps, "id") : null).FirstOrDefault(id => id is not null)
            : null;

    /// <summary>Sends a request through the raw client, for calls no typed method covers.</summary>
    public Task<JsonNode?> SendAsync(string instanceId, ApsControllerRequest request, CancellationToken cancellationToken = default) =>
        controller.SendAsync(instanceId, request, cancellationToken);

    private static CommerceContact? Contact(JsonObject? person)
    {
        if (person is null)
        {
            return null;
        }

        var contact = new CommerceContact(Text(person, "givenName"), Text(person, "familyName"), Text(person, "email"), CommerceContact.PhoneFromTelVoice(Text(person, "telVoice")));
        return contact is { GivenName: null, FamilyName: null, Email: null } ? null : contact;
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static long? Number(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
