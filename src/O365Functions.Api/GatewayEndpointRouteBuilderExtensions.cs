using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using O365Functions.Api.Aps;
using O365Functions.Api.Catalog;
using O365Functions.Api.Console;
using O365Functions.Api.Health;
using O365Functions.Api.Webhooks;
using O365Functions.Core.Workflows;

namespace O365Functions.Api;

/// <summary>Maps the gateway's routes onto a self-hosted ASP.NET Core app (the Functions app declares them as triggers).</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>The APS endpoint's route: every service, resource, relation and operation under <c>/aps/</c>.</summary>
    public const string ApsRoutePattern = "/aps/{*path}";

    /// <summary>The methods APS uses.</summary>
    public static readonly string[] ApsMethods = ["GET", "POST", "PUT", "DELETE"];

    /// <summary>Maps health, catalog and APS routes.</summary>
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", (HealthHandlers h, CancellationToken ct) => h.GetAsync(ct));
        endpoints.MapGet("/catalog", (CatalogHandlers h) => h.GetCatalog());
        endpoints.MapPost("/catalog/plan", (CatalogHandlers h, HttpRequest request, CancellationToken ct) => h.PostPlanAsync(request, ct));
        endpoints.MapGet(Consent.ConsentFlow.CallbackPath, (Consent.ConsentFlow h, HttpRequest request, CancellationToken ct) => h.CallbackAsync(request, ct));
        endpoints.MapMethods(
            ApsRoutePattern,
            ApsMethods,
            (ApsEndpoint h, IWorkflowClient workflows, HttpRequest request, string? path, CancellationToken ct) => h.HandleAsync(request, path, workflows, ct));
        endpoints.MapPost("/operations/pause", (Operations.OperationsHandlers h, HttpRequest request, CancellationToken ct) => h.PauseAsync(request, ct));
        endpoints.MapPost("/operations/resume", (Operations.OperationsHandlers h, HttpRequest request, CancellationToken ct) => h.ResumeAsync(request, ct));
        endpoints.MapPost("/operations/drain", (Operations.OperationsHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.DrainAsync(request, workflows, ct));
        endpoints.MapGet("/operations", (Operations.OperationsHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.ListAsync(request, workflows, ct));
        endpoints.MapGet("/operations/health", (Operations.OperationsHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.HealthAsync(request, workflows, ct));
        endpoints.MapGet(ConsoleAssets.Path + "/{file?}", (ConsoleAssets h, string? file) => h.Get(file));
        endpoints.MapGet("/console/api/session", (ConsoleHandlers h) => h.Session());
        endpoints.MapGet("/console/api/instances", (ConsoleHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.InstancesAsync(request, workflows, ct));
        endpoints.MapPost("/console/api/instances/consent", (ConsoleHandlers h, HttpRequest request, CancellationToken ct) => h.ConsentLinkAsync(request, ct));
        endpoints.MapPost("/console/api/instances/verify", (ConsoleHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.VerifyAsync(request, workflows, ct));
        endpoints.MapGet("/console/api/operations", (ConsoleHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.OperationsAsync(request, workflows, ct));
        endpoints.MapGet("/console/api/operations/history", (ConsoleHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.HistoryAsync(request, workflows, ct));
        endpoints.MapPost("/console/api/operations/retry", (ConsoleHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.RetryAsync(request, workflows, ct));
        endpoints.MapGet("/console/api/trace", (ConsoleHandlers h, HttpRequest request, CancellationToken ct) => h.TraceAsync(request, ct));
        endpoints.MapGet("/console/api/tenants", (ConsoleHandlers h, HttpRequest request, CancellationToken ct) => h.TenantsAsync(request, ct));
        endpoints.MapGet("/console/api/webhooks", (ConsoleHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.WebhooksAsync(request, workflows, ct));
        return endpoints;
    }

    /// <summary>Maps <c>POST /webhooks/partner-center</c>; needs <see cref="PartnerCenterWebhookServiceCollectionExtensions.AddPartnerCenterWebhooks"/>.</summary>
    public static IEndpointRouteBuilder MapPartnerCenterWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(PartnerCenterWebhookHandlers.Route, (PartnerCenterWebhookHandlers h, IWorkflowClient workflows, HttpRequest request, CancellationToken ct) => h.ReceiveAsync(request, workflows, ct));
        return endpoints;
    }
}
