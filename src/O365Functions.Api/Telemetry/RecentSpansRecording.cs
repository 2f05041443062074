using Microsoft.Extensions.Hosting;

namespace O365Functions.Api.Telemetry;

/// <summary>
/// Resolves <see cref="RecentSpans"/> when the host starts (its listener starts with it), so spans are recorded before
/// the console first asks; the container disposes it with the host.
/// </summary>
internal sealed class RecentSpansRecording(RecentSpans spans) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(spans);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
