using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps;
using O365Functions.Api.Http;
using O365Functions.Core.Catalog;

namespace O365Functions.Api.Catalog;

/// <summary>
/// Reads the offer catalog and checks orders against it. Both hosts call these handlers: the local gateway through
/// minimal-API routes, the Functions app from its HTTP triggers.
/// </summary>
public sealed class CatalogHandlers(OfferCatalog catalog, PurchasePlanResolver resolver, RequestReader reader, GatewayLimits limits)
{
    /// <summary>The whole catalog: license types and add-on types.</summary>
    public IResult GetCatalog() => Results.Json(
        new CatalogResource(
            [.. catalog.LicenseTypes.Select(LicenseTypeResource.From)],
            [.. catalog.AddonTypes.Select(AddonTypeResource.From)]),
        GatewayJson.Options);

    private const string PlanExample = "{\"licenses\": {\"<provisioningId>\": {\"limit\": <seats>}}}";

    /// <summary>
    /// Resolves a tenant's <c>licenses</c> object into the ordered purchases the gateway would make, or answers 400
    /// with every reason it cannot (the first <see cref="GatewayLimits.MaxErrorDetails"/> listed). Entries with a
    /// missing or zero limit are not purchases and are left out.
    /// </summary>
    public async Task<IResult> PostPlanAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await reader.ReadJsonAsync<PurchasePlanRequest>(request, PlanExample, cancellationToken);
        if (!body.IsValid)
        {
            return body.Error!;
        }

        if (body.Value?.Licenses is not { Count: > 0 } licenses)
        {
            return ApsResults.BadRequest("MissingLicenses", $"The 'licenses' property is missing or empty. Send {PlanExample}.");
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
            return ApsResults.Problems("InvalidOrder", details, limits);
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
