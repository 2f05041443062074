using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static O365Functions.Emulators.PartnerCenter.PartnerCenterEndpoints;

namespace O365Functions.Emulators.PartnerCenter;

/// <summary>Legacy offers (offset paging, <c>X-Locale</c> required) and the new-commerce product, SKU and availability.</summary>
internal static class CatalogEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, MicrosoftEmulatorOptions options)
    {
        routes.MapGet("/v1/offers", (HttpRequest request) => Offers(request, EmulatedCatalog.Offers.Where(o => !options.WithdrawnOffers.Contains(o.Id))));

        routes.MapGet("/v1/offers/{offerId}/addons", (string offerId, HttpRequest request) =>
            EmulatedCatalog.Offer(offerId) is null
                ? Error(404, 800004, $"Offer '{offerId}' is not valid.")
                : Offers(request, EmulatedCatalog.Offers.Where(o => o.Prerequisites.Contains(offerId, StringComparer.OrdinalIgnoreCase))));

        routes.MapGet("/v1/products", (HttpRequest request) =>
            Json(Collection([new JsonObject { ["id"] = EmulatedCatalog.ProductId, ["title"] = "Microsoft 365 E3", ["description"] = "New-commerce license-based product." }], 1, null)));

        routes.MapGet("/v1/products/{productId}/skus", (string productId) => productId.Equals(EmulatedCatalog.ProductId, StringComparison.OrdinalIgnoreCase)
            ? Json(Collection([new JsonObject
            {
                ["id"] = EmulatedCatalog.SkuId,
                ["productId"] = EmulatedCatalog.ProductId,
                ["title"] = "Microsoft 365 E3",
                ["minimumQuantity"] = 1,
                ["maximumQuantity"] = EmulatedCatalog.MaximumSeats,
                ["isTrial"] = false,
            }], 1, null))
            : Error(404, 400013, $"Product '{productId}' was not found."));

        routes.MapGet("/v1/products/{productId}/skus/{skuId}/availabilities", (string productId, string skuId) =>
            productId.Equals(EmulatedCatalog.ProductId, StringComparison.OrdinalIgnoreCase) && skuId == EmulatedCatalog.SkuId
                ? Json(Collection([new JsonObject
                {
                    ["id"] = EmulatedCatalog.AvailabilityId,
                    ["productId"] = EmulatedCatalog.ProductId,
                    ["skuId"] = EmulatedCatalog.SkuId,
                    ["catalogItemId"] = EmulatedCatalog.CatalogItemId,
                    ["isPurchasable"] = true,
                }], 1, null))
                : Error(404, 400013, $"SKU '{productId}:{skuId}' was not found."));
    }

    private static IResult Offers(HttpRequest request, IEnumerable<EmulatedOffer> offers)
    {
        if (string.IsNullOrEmpty(request.Headers["X-Locale"]))
        {
            return Error(400, 3000, "The X-Locale header is required for offers.");
        }

        var all = offers.ToList();
        var offset = int.TryParse(request.Query["offset"], CultureInfo.InvariantCulture, out var o) ? o : 0;
        var size = int.TryParse(request.Query["size"], CultureInfo.InvariantCulture, out var z) && z > 0 ? z : 100;
        return Json(Collection(all.Skip(offset).Take(size).Select(OfferJson), all.Count, null));
    }

    internal static JsonNode OfferJson(EmulatedOffer offer) => new JsonObject
    {
        ["id"] = offer.Id.ToUpperInvariant(),
        ["name"] = offer.Name,
        ["minimumQuantity"] = offer.MinimumQuantity,
        ["maximumQuantity"] = offer.MaximumQuantity,
        ["isAddOn"] = offer.IsAddOn,
        ["prerequisiteOffers"] = new JsonArray([.. offer.Prerequisites.Select(p => (JsonNode)p.ToUpperInvariant())]),
        ["upgradeTargetOffers"] = new JsonArray([.. offer.UpgradeTargets.Select(p => (JsonNode)p.ToUpperInvariant())]),
        ["isTrial"] = offer.IsTrial,
        ["isAvailableForPurchase"] = true,
        ["attributes"] = new JsonObject { ["objectType"] = "Offer" },
    };
}
