using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace O365Functions.Api.Health;

/// <summary>Answers liveness probes of load balancers, Azure and the README's first command.</summary>
public sealed class HealthHandlers
{
    private static readonly string Version =
        typeof(HealthHandlers).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Reports that the gateway is up.</summary>
    public IResult Get() => Results.Json(new HealthReport("healthy", Version), GatewayJson.Options);
}
