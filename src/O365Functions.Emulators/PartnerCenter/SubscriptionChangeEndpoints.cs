using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static O365Functions.Emulators.PartnerCenter.PartnerCenterEndpoints;

namespace O365Functions.Emulators.PartnerCenter;

/// <summary>
/// Upgrades (a legacy offer to one of its upgrade targets, moving the seats) and trial conversions (a trial to its
/// paid offer). Both make a new subscription and retire the old one, as Partner Center does.
/// </summary>
internal static class SubscriptionChangeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, PartnerCenterState state, EmulatorClock clock)
    {
        routes.MapGet("/v1/customers/{customerId}/subscriptions/{subscriptionId}/upgrades", (string customerId, string subscriptionId) =>
            WithSubscription(state, customerId, subscriptionId, source =>
            {
                var targets = EmulatedCatalog.Offer(source.OfferId)?.UpgradeTargets ?? [];
                var items = targets.Select(target => (JsonNode)new JsonObject
                {
                    ["targetOffer"] = CatalogEndpoints.OfferJson(EmulatedCatalog.Offer(target)!),
                    ["upgradeType"] = "upgrade_with_license_transfer",
                    ["isEligible"] = state.StatusOf(source) == "active",
                    ["quantity"] = source.Quantity,
                    ["upgradeErrors"] = UpgradeErrors(state, source),
                }).ToList();
                return Json(Collection(items, items.Count, null));
            }));

        routes.MapPost("/v1/customers/{customerId}/subscriptions/{subscriptionId}/upgrades", async (string customerId, string subscriptionId, HttpRequest request) =>
        {
            var target = Text(await ReadAsync(request), "targetOffer", "id");
            return WithSubscription(state, customerId, subscriptionId, source =>
            {
                if (target is null || !(EmulatedCatalog.Offer(source.OfferId)?.UpgradeTargets ?? []).Contains(target, StringComparer.OrdinalIgnoreCase))
                {
                    return Error(400, 800004, $"'{target}' is not an upgrade target of this subscription's offer.");
                }

                // Partner Center answers an ineligible upgrade with 200 and its reasons, having changed nothing.
                if (UpgradeErrors(state, source) is { Count: > 0 } reasons)
                {
                    return Json(new JsonObject
                    {
                        ["sourceSubscriptionId"] = source.Id,
                        ["upgradeType"] = "upgrade_with_license_transfer",
                        ["upgradeErrors"] = reasons,
                        ["licenseErrors"] = new JsonArray(),
                    });
                }

                var upgraded = Replace(state, clock, source, target);
                return Json(new JsonObject
                {
                    ["sourceSubscriptionId"] = source.Id,
                    ["targetSubscriptionId"] = upgraded.Id,
                    ["upgradeType"] = "upgrade_with_license_transfer",
                    ["upgradeErrors"] = new JsonArray(),
                    ["licenseErrors"] = new JsonArray(),
                });
            });
        });

        routes.MapGet("/v1/customers/{customerId}/subscriptions/{subscriptionId}/conversions", (string customerId, string subscriptionId) =>
            WithSubscription(state, customerId, subscriptionId, trial =>
            {
                var targets = EmulatedCatalog.Offer(trial.OfferId)?.ConversionTargets ?? [];
                var items = targets.Select(target => (JsonNode)new JsonObject
                {
                    ["offerId"] = trial.OfferId,
                    ["targetOfferId"] = target,
                    ["orderId"] = trial.OrderId,
                    ["quantity"] = trial.Quantity,
                    ["billingCycle"] = "monthly",
                }).ToList();
                return Json(Collection(items, items.Count, null));
            }));

        routes.MapPost("/v1/customers/{customerId}/subscriptions/{subscriptionId}/conversions", async (string customerId, string subscriptionId, HttpRequest request) =>
        {
            var target = Text(await ReadAsync(request), "targetOfferId");
            return WithSubscription(state, customerId, subscriptionId, trial =>
            {
                if (target is null || !(EmulatedCatalog.Offer(trial.OfferId)?.ConversionTargets ?? []).Contains(target, StringComparer.OrdinalIgnoreCase))
                {
                    return Error(400, 800004, $"'{target}' is not a conversion target of this trial.");
                }

                var paid = Replace(state, clock, trial, target);
                return Json(new JsonObject { ["subscriptionId"] = paid.Id, ["offerId"] = trial.OfferId, ["targetOfferId"] = target });
            });
        });
    }

    private static JsonArray UpgradeErrors(PartnerCenterState state, EmulatedSubscription source) =>
        state.StatusOf(source) == "active"
            ? []
            : [new JsonObject
            {
                ["code"] = "subscription_status_not_active",
                ["description"] = "The subscription must be active to be upgraded.",
                // Documented as text; Partner Center has been seen sending an object here.
                ["additionalDetails"] = new JsonObject { ["subscriptionStatus"] = state.StatusOf(source) },
            }];

    private static IResult WithSubscription(PartnerCenterState state, string customerId, string subscriptionId, Func<EmulatedSubscription, IResult> answer)
    {
        lock (state.Gate)
        {
            return Find(state, customerId, subscriptionId) is { } subscription ? answer(subscription) : SubscriptionNotFound(subscriptionId);
        }
    }

    private static EmulatedSubscription Replace(PartnerCenterState state, EmulatorClock clock, EmulatedSubscription source, string targetOffer)
    {
        var replacement = new EmulatedSubscription
        {
            Id = Guid.NewGuid().ToString(),
            CustomerId = source.CustomerId,
            OrderId = source.OrderId,
            OfferId = targetOffer,
            CreatedAt = clock.GetUtcNow(),
            Quantity = source.Quantity,
            FriendlyName = source.FriendlyName,
        };
        state.Subscriptions[replacement.Id] = replacement;
        source.ExplicitStatus = "deleted";
        source.Version++;
        return replacement;
    }
}
