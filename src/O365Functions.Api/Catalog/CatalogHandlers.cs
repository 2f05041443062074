using System.Text.Json;
using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps;
using O365Functions.Core.Catalog;

namespace O365Functions.Api.Catalog;

/// <summary>
/// Reads the offer catalog and checks orders against it. Both hosts call these handlers: the local gateway through
/// minimal-API routes, the Functions app from its HTTP triggers.
/// </summary>
public sealed class CatalogHandlers(OfferCatalog catalog, PurchasePlanResolver resolver)
{
    /// <summary>The whole catalog: license types and add-on types.</summary>
    public IResult GetCatalog() => Results.Json(
        new CatalogResource(
            [.. catalog.LicenseTypes.Select(LicenseTypeResource.From)],
            [.. catalog.AddonTypes.Select(AddonTypeResource.From)]),
        GatewayJson.Options);

    /// <summary>
    /// Resolves a tenant's <c>licenses</c> object into the ordered purchases the gateway would make, or answers 400
    /// with every reason it cannot. Entries with a missing or zero limit are not purchases and are left out.
    /// </summary>
    public async Task<IResult> PostPlanAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PurchasePlanRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<PurchasePlanRequest>(GatewayJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ApsResults.BadRequest("InvalidJson",
                $"The request body is not valid JSON ({ex.Message}). Send {{\"licenses\": {{\"<provisioningId>\": {{\"limit\": <seats>}}}}}}.");
        }
        catch (InvalidOperationException)
        {
            return ApsResults.Error(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                "The request body must be JSON; send it with Content-Type: application/json.");
        }

        if (body?.Licenses is not { Count: > 0 } licenses)
        {
            return ApsResults.BadRequest("MissingLicenses",
                "The 'licenses' property is missing or empty. Send {\"licenses\": {\"<provisioningId>\": {\"limit\": <seats>}}}.");
        }

        var requests = licenses
            .Where(pair => pair.Value?.Limit is not (null or 0))
            .Select(pair => new OfferRequest(pair.Key, pair.Value!.Limit!.Value))
            .ToList();
        var result = resolver.Resolve(requests);
        if (!result.IsValid)
        {
            var details = result.Errors
                .Select(e => new ApsErrorDetail(e.Code.ToString(), $"licenses.{e.ProvisioningId}", e.Message)
                {
                    Offers = e.Offers.Count > 0 ? e.Offers : null,
                })
                .ToList();
            var summary = details.Count == 1
                ? details[0].Message
                : $"The order has {details.Count} problems: {string.Join(" ", details.Select(d => d.Message))}";
            return ApsResults.BadRequest("InvalidOrder", summary, details);
        }

        return Results.Json(
            new PurchasePlanResource(
            [
                .. result.Plan.Purchases.Select(p =>
                    new PlannedPurchaseResource(p.Offer.ProvisioningId, p.Offer.OfferId, p.Quantity, p.ParentProvisioningId)),
            ]),
            GatewayJson.Options);
    }
}
