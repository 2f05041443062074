using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using O365Functions.Api.Aps.Authentication;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Aps.Services;
using O365Functions.Api.Http;
using O365Functions.Core.Workflows;

using O365Functions.Core.Telemetry;

namespace O365Functions.Api.Aps;

/// <summary>
/// Every request under <c>/aps/</c>, in the order APS runtimes take them: find the service and the operation the verb
/// and path name (404, 405), identify the instance (<c>APS-Instance-ID</c>; an unknown one is refused, an install
/// taken from the minute's budget), read the body under the gateway's limits, authenticate the controller, check the
/// body against the type, and only then hand it to the service. A refused
/// request has read nothing from and written nothing to the instance.
/// </summary>
public sealed partial class ApsEndpoint(
    IEnumerable<ApsService> services,
    ApsInstanceDirectory directory,
    ApsAuthenticator authenticator,
    InstallThrottle installThrottle,
    RequestReader reader,
    GatewayLimits limits,
    ILogger<ApsEndpoint> logger)
{
    private readonly Dictionary<string, ApsService> _services = services.ToDictionary(s => s.Type.Service, StringComparer.Ordinal);

    /// <summary>Handles <paramref name="request"/>, whose path under <c>/aps/</c> is <paramref name="path"/>.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, string? path, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflows);
        var route = ApsRoute.Parse(path);
        if (route is null || !_services.TryGetValue(route.Service, out var service))
        {
            return ApsResults.Error(StatusCodes.Status404NotFound, "NotFound",
                $"There is no APS service at /aps/{Echo.Bounded(path, limits.MaxEchoedLength)}. Services: {string.Join(", ", _services.Keys)}.");
        }

        var (action, refusal) = Resolve(request.Method, route, service.Type);
        if (action is null)
        {
            return refusal!;
        }

        var instanceId = request.Headers[ApsHeaders.InstanceId].ToString();
        if (!ApsFieldRules.IsUuid(instanceId))
        {
            return ApsResults.BadRequest("MissingInstanceId", $"Every APS request needs the {ApsHeaders.InstanceId} header with the application instance's UUID.");
        }

        using var span = GatewayTelemetry.Source.StartActivity($"APS {request.Method} {route.Service}");
        span?.SetTag(GatewayTelemetry.Tags.ApsInstanceId, instanceId);
        span?.SetTag(GatewayTelemetry.Tags.ApsResourceId, route.ResourceId ?? request.Headers[ApsHeaders.ResourceId].ToString());
        span?.SetTag(GatewayTelemetry.Tags.ApsTransactionId, Echo.Bounded(request.Headers[ApsHeaders.TransactionId].ToString(), limits.MaxEchoedLength));

        // Every line logged while the request is handled names the instance, the resource and the controller's
        // transaction, so one operation can be followed from the controller to Microsoft and back.
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ApsInstanceId"] = instanceId,
            ["ApsService"] = route.Service,
            ["ApsResourceId"] = route.ResourceId,
            ["ApsTransactionId"] = Echo.Bounded(request.Headers[ApsHeaders.TransactionId].ToString(), limits.MaxEchoedLength),
            ["ApsRequestPhase"] = Echo.Bounded(request.Headers[ApsHeaders.RequestPhase].ToString(), limits.MaxEchoedLength),
        });

        // Who is asking is settled before the body is read: an unknown instance costs no parsing, and installs are
        // bounded before their bodies are.
        var instance = await directory.FindAsync(instanceId, cancellationToken);
        var installing = action.Kind == ApsActionKind.Provision && service.Type == ApsPackage.App;
        if (instance is null && !installing)
        {
            return ApsResults.Error(StatusCodes.Status401Unauthorized, "UnknownInstance",
                $"No application instance {instanceId} is installed on this gateway. Install it first (POST /aps/app).");
        }

        if (instance is null && !installThrottle.TryTake())
        {
            LogInstallThrottled(instanceId);
            request.HttpContext.Response.Headers.RetryAfter = "60";
            return ApsResults.Error(StatusCodes.Status429TooManyRequests, "TooManyInstalls",
                "This gateway takes a bounded number of instance installs a minute (Aps:InstallsPerMinute) and that many arrived. Install again in a minute.");
        }

        var body = new JsonObject();
        if (action.ReadsBody && HasBody(request))
        {
            var read = await reader.ReadJsonAsync<JsonNode>(request, $"the {service.Type.Service} resource as JSON", cancellationToken);
            if (!read.IsValid)
            {
                return read.Error!;
            }

            if (read.Value is not JsonObject json)
            {
                return ApsResults.BadRequest("InvalidJson", $"The request body must be a JSON object: the {service.Type.Service} resource.");
            }

            if (JsonText.FirstInvalid(json) is { } invalid)
            {
                return ApsResults.BadRequest("InvalidText",
                    $"'{Echo.Bounded(invalid, limits.MaxEchoedLength)}' is not valid text: it holds invalid UTF-8 or a lone UTF-16 surrogate. Send the body as UTF-8 JSON.");
            }

            body = json;
        }

        if (instance is not null)
        {
            if (await authenticator.AuthenticateAsync(request, instance, cancellationToken) is { } denied)
            {
                return denied;
            }
        }
        else
        {
            var controllerPem = ((body["aps"] as JsonObject)?["x509"] as JsonObject)?["controller"] is JsonValue pem && pem.TryGetValue<string>(out var text) ? text : null;
            var (_, denied) = await authenticator.AuthenticateInstallAsync(request, instanceId, controllerPem, cancellationToken);
            if (denied is not null)
            {
                return denied;
            }
        }

        var problems = action.Kind switch
        {
            ApsActionKind.Provision => ApsBodyValidator.Validate(body, service.Type, provisioning: true, limits.MaxEchoedLength),
            ApsActionKind.Configure => ApsBodyValidator.Validate(body, service.Type, provisioning: false, limits.MaxEchoedLength),
            ApsActionKind.Operation => ApsBodyValidator.ValidateOperation(body, service.Type, action.Operation!, limits.MaxEchoedLength),
            _ => [],
        };
        if (problems.Count > 0)
        {
            return ApsResults.Problems("InvalidResource", problems, limits);
        }

        var call = new ApsCall
        {
            Request = request,
            InstanceId = instanceId,
            Instance = instance,
            Route = route,
            Type = service.Type,
            Workflows = workflows,
            Body = body,
        };
        return action.Kind switch
        {
            ApsActionKind.Provision => await service.ProvisionAsync(call, cancellationToken),
            ApsActionKind.Retrieve => await service.RetrieveAsync(call, cancellationToken),
            ApsActionKind.Configure => await service.ConfigureAsync(call, cancellationToken),
            ApsActionKind.Unprovision => await service.UnprovisionAsync(call, cancellationToken),
            ApsActionKind.Operation => await service.OperationAsync(call, action.Operation!, cancellationToken),
            ApsActionKind.Link => await service.LinkAsync(call, action.Relation!, cancellationToken),
            _ => await service.UnlinkAsync(call, action.Relation!, cancellationToken),
        };
    }

    private (ApsAction? Action, IResult? Refusal) Resolve(string method, ApsRoute route, ApsType type)
    {
        if (route.ResourceId is null)
        {
            return HttpMethods.IsPost(method) ? (new ApsAction(ApsActionKind.Provision), null) : (null, NotAllowed(type, "POST"));
        }

        if (!ApsFieldRules.IsUuid(route.ResourceId))
        {
            return (null, ApsResults.Error(StatusCodes.Status404NotFound, "NotFound",
                $"{Echo.Bounded(route.ResourceId, limits.MaxEchoedLength)} is not a resource id: APS resource ids are UUIDs."));
        }

        if (route.Member is null)
        {
            return method switch
            {
                _ when HttpMethods.IsGet(method) => (new ApsAction(ApsActionKind.Retrieve), null),
                _ when HttpMethods.IsPut(method) => (new ApsAction(ApsActionKind.Configure), null),
                _ when HttpMethods.IsDelete(method) => (new ApsAction(ApsActionKind.Unprovision), null),
                _ => (null, NotAllowed(type, "GET, PUT, DELETE")),
            };
        }

        var operation = route.LinkedId is null ? type.Operations.FirstOrDefault(o => o.Path == route.Member) : null;
        if (operation is not null)
        {
            return string.Equals(operation.Verb, method, StringComparison.OrdinalIgnoreCase)
                ? (new ApsAction(ApsActionKind.Operation) { Operation = operation }, null)
                : (null, NotAllowed(type, operation.Verb));
        }

        if (type.Relation(route.Member) is { Collection: true } relation)
        {
            return (route.LinkedId, method) switch
            {
                (null, _) when HttpMethods.IsPost(method) => (new ApsAction(ApsActionKind.Link) { Relation = relation }, null),
                (not null, _) when HttpMethods.IsDelete(method) => (new ApsAction(ApsActionKind.Unlink) { Relation = relation }, null),
                _ => (null, NotAllowed(type, route.LinkedId is null ? "POST" : "DELETE")),
            };
        }

        return (null, ApsResults.Error(StatusCodes.Status404NotFound, "NotFound",
            $"{type.Service} has no operation or relation '{Echo.Bounded(route.Member, limits.MaxEchoedLength)}'. Operations: {string.Join(", ", type.Operations.Select(o => $"{o.Verb} {o.Path}"))}."));
    }

    /// <summary>Whether the request carries a body: custom operations such as <c>PUT /tenants/{id}/disable</c> come without one.</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is not 0
        && (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody
            ?? (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0));

    private static MethodNotAllowed NotAllowed(ApsType type, string allowed) => new MethodNotAllowed(
        ApsResults.Error(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", $"This {type.Service} path accepts {allowed} only."), allowed);

    /// <summary>What a request asks of a service.</summary>
    private sealed record ApsAction(ApsActionKind Kind)
    {
        public ApsOperation? Operation { get; init; }

        public ApsRelation? Relation { get; init; }

        public bool ReadsBody => Kind is ApsActionKind.Provision or ApsActionKind.Configure or ApsActionKind.Operation or ApsActionKind.Link;
    }

    private enum ApsActionKind
    {
        Provision,
        Retrieve,
        Configure,
        Unprovision,
        Operation,
        Link,
        Unlink,
    }

    /// <summary>A 405 with the <c>Allow</c> header.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Install of instance {InstanceId} refused: Aps:InstallsPerMinute is spent for this minute.")]
    private partial void LogInstallThrottled(string instanceId);

    private sealed class MethodNotAllowed(IResult inner, string allowed) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Allow = allowed;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
