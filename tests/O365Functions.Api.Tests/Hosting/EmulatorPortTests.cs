using System.Net;
using System.Net.Sockets;

namespace O365Functions.Api.Tests.Hosting;

/// <summary>The local gateway started while the emulator's port is taken.</summary>
public sealed class EmulatorPortTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-port-");

    [Fact]
    public async Task A_taken_emulator_port_stops_the_gateway_naming_the_two_settings_that_fix_it()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, _, error) = await LocalGatewayCommand.RunAsync(null,
            "--urls", "http://127.0.0.1:0", "--Storage:DataDirectory", _data.FullName, "--Microsoft:EmulatorPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"The Microsoft emulator could not listen on 127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.Contains("Microsoft:EmulatorPort", error, StringComparison.Ordinal);
        Assert.Contains("Microsoft:Mode", error, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Delete(recursive: true);
}
