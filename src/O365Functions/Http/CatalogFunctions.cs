using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using O365Functions.Api.Catalog;

namespace O365Functions.FunctionApp.Http;

/// <summary>The catalog routes, at the same paths as on the local gateway.</summary>
public sealed class CatalogFunctions(CatalogHandlers handlers)
{
    /// <summary>GET /catalog.</summary>
    [Function("GetCatalog")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "catalog")] HttpRequest request) => handlers.GetCatalog();

    /// <summary>POST /catalog/plan.</summary>
    [Function("PostCatalogPlan")]
    public Task<IResult> Plan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "catalog/plan")] HttpRequest request,
        FunctionContext context) =>
        handlers.PostPlanAsync(request, context.CancellationToken);
}
