using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace O365Functions.Api.Health;

/// <summary>Answers liveness probes of load balancers, Azure and the README's first command.</summary>
public sealed class HealthHandlers(Operations.GatewayControl control)
{
    /// <summary>The release, without the source revision the build appends: an operator needs the one, not the other.</summary>
    private static readonly string Version =
        (typeof(HealthHandlers).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown").Split('+')[0];

    /// <summary>Reports that the gateway is up, and whether provisioning is paused.</summary>
    public async Task<IResult> GetAsync(CancellationToken cancellationToken) =>
        Results.Json(new HealthReport("healthy", Version, await control.IsPausedAsync(cancellationToken).ConfigureAwait(false) ? "paused" : "running"), GatewayJson.Options);
}
