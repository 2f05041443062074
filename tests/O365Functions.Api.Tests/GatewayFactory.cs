using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace O365Functions.Api.Tests;

/// <summary>The local gateway in memory, with its Microsoft emulator on a free port and its secrets in a temporary folder.</summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-gateway-");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Microsoft:EmulatorPort", "0");
        builder.UseSetting("Storage:DataDirectory", _data.FullName);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _data.Exists)
        {
            _data.Delete(recursive: true);
        }
    }
}
