using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using O365Functions.Api.Aps;
using O365Functions.Api.Http;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace O365Functions.Local.Http;

/// <summary>
/// What the self-hosted server adds to the handlers' own limits (<see cref="RequestReader"/>): no <c>Server</c>
/// header, the largest body any route reads as the server's cap, a whole-request timeout, and a generic APS error
/// body for anything unexpected, so no exception text or type name reaches a client. On Azure the Functions host
/// plays this part.
/// </summary>
public static class LocalHttpHardening
{
    /// <summary>Configures Kestrel and the request timeout from the registered <see cref="GatewayLimits"/>.</summary>
    public static IServiceCollection AddLocalHttpHardening(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<GatewayLimits>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
        });
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<GatewayLimits>((timeouts, limits) =>
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = limits.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => ApsResults.Error(StatusCodes.Status503ServiceUnavailable, "RequestTimeout",
                    $"The gateway could not answer within {limits.RequestTimeout.TotalSeconds:0} seconds. Try again; an operation already accepted is not repeated.")
                    .ExecuteAsync(context),
            });
        return services;
    }

    /// <summary>Adds the generic error answer and the request timeout to the pipeline.</summary>
    public static WebApplication UseLocalHttpHardening(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var status = context.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
                var result = status == StatusCodes.Status500InternalServerError
                    ? ApsResults.Error(status, "InternalError", $"The gateway failed to handle the request; the failure is logged under trace id {context.TraceIdentifier}.")
                    : ApsResults.Error(status, "BadRequest", "The request could not be read. Check its framing, size and headers, and send it again.");
                return result.ExecuteAsync(context);
            },
            // Client-caused failures are the client's business: no stack trace in the log for them.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseRequestTimeouts();
        return app;
    }
}
