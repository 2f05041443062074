using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace O365Functions.Api.Tests;

/// <summary>
/// The local gateway under test: its Microsoft emulator on a free port and its data (SQLite, secrets, TLS
/// certificate) in a temporary folder deleted with the factory, or in a folder the test keeps to start a gateway over
/// it again (a restart).
/// </summary>
public abstract class LocalGatewayFactory(string dataPrefix, DirectoryInfo? keptData = null) : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _data = keptData ?? Directory.CreateTempSubdirectory(dataPrefix);

    /// <summary>The gateway's data folder (SQLite, secrets, TLS certificate, logs).</summary>
    public DirectoryInfo DataDirectory => _data;

    /// <summary>The first address the started server listens on, as a loopback address.</summary>
    protected Uri ListeningAddress()
    {
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Microsoft:EmulatorPort", "0");
        builder.UseSetting("Storage:DataDirectory", _data.FullName);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && keptData is null && _data.Exists)
        {
            _data.Delete(recursive: true);
        }
    }
}
