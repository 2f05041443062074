using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using O365Functions.Testing;

namespace O365Functions.Api.Tests.Hostile;

/// <summary>
/// A certificate host that misbehaves on purpose, on its own loopback port: it serves a real certificate under
/// <c>/cert/…</c>, redirects from <c>/redirect</c>, streams without end from <c>/huge</c>, and never answers on
/// <c>/silent</c>. It counts what it was asked for and what it managed to send.
/// </summary>
public sealed class HostileCertificateServer : IAsyncDisposable
{
    public const long HugeBytes = 300L * 1024 * 1024;

    private LoopbackWebServer? _web;
    private int _requests;
    private long _hugeBytesSent;

    private HostileCertificateServer()
    {
    }

    public Uri Origin { get; private set; } = null!;

    /// <summary>Requests received, on any path.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Bytes of <c>/huge</c> written before the client stopped reading.</summary>
    public long HugeBytesSent => Interlocked.Read(ref _hugeBytesSent);

    /// <summary>The headers of every request received.</summary>
    public ConcurrentQueue<IHeaderDictionary> Headers { get; } = new();

    public static async Task<HostileCertificateServer> StartAsync(byte[] certificate, Uri? redirectTo = null)
    {
        var server = new HostileCertificateServer();
        server._web = await LoopbackWebServer.StartAsync(app => server.Map(app, certificate, redirectTo));
        server.Origin = new Uri(server._web.Address.GetLeftPart(UriPartial.Authority));
        return server;
    }

    private void Map(WebApplication app, byte[] certificate, Uri? redirectTo)
    {
        var server = this;
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref server._requests);
            server.Headers.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            return next(context);
        });
        app.MapGet("/cert/{**name}", () => Results.Bytes(certificate, "application/pkix-cert"));
        app.MapGet("/redirect", () => Results.Redirect(redirectTo?.AbsoluteUri ?? "/cert/redirected.cer"));
        app.MapGet("/silent", async (CancellationToken ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return Results.Ok();
        });
        app.MapGet("/huge", async (HttpContext context) =>
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'A');
            context.Response.ContentType = "application/pkix-cert";
            try
            {
                // Once the client hangs up, the server discards writes instead of failing them: stop counting there.
                for (long sent = 0; sent < HugeBytes && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref server._hugeBytesSent, chunk.Length);

                    // Kestrel signals the abort from the thread pool; pausing each megabyte lets that signal land
                    // before discarded writes are counted as sent, even when the pool is busy.
                    if (sent % (1024 * 1024) == 0)
                    {
                        await Task.Delay(1, context.RequestAborted);
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // The client hung up: exactly what the test wants to see.
            }
        });
    }

    public Uri Url(string pathAndQuery) => new(Origin, pathAndQuery);

    public ValueTask DisposeAsync() => _web?.DisposeAsync() ?? ValueTask.CompletedTask;
}
