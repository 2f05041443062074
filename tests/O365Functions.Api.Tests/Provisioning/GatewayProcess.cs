using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>
/// The local gateway as a separate process on a fixed loopback port and data folder, so a test can kill it (no
/// disposal, no drain: what a crash does) and start it again over the same data.
/// </summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly string[] _settings;
    private Process? _process;

    public GatewayProcess(DirectoryInfo data, params string[] settings)
    {
        Port = FreePort();
        _settings =
        [
            "--urls", $"http://127.0.0.1:{Port}",
            "--Storage:DataDirectory", data.FullName,
            "--Microsoft:EmulatorPort", "0",
            "--Aps:InsecureDevelopment", "true",
            "--Microsoft:AllowCustomEndpoints", "true",
            "--Logging:LogLevel:Default", "Warning",
            .. settings,
        ];
    }

    public int Port { get; }

    /// <summary>The APS endpoint.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/aps/");

    /// <summary>Starts the gateway and waits until it answers <c>/health</c>.</summary>
    public async Task StartAsync()
    {
        _process = Process.Start(Hosting.LocalGatewayCommand.StartInfo(_settings))!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway process exited with {_process.ExitCode} while starting.");
            }

            try
            {
                using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/health"));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The gateway process did not answer /health within 60 seconds.");
    }

    /// <summary>Kills the process at once, as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
