using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using O365Functions.Api.Console;
using O365Functions.Api.Operations;

namespace O365Functions.Local;

/// <summary>Says, once the gateway listens, where its operations console is and how an operator signs in.</summary>
internal static partial class ConsoleAnnouncement
{
    public static WebApplication AnnounceConsole(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (addresses.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal)) is { } first)
            {
                var url = first.TrimEnd('/') + ConsoleAssets.Path;
                LogConsole(app.Logger, url, OperatorAccess.KeySecretName);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Operations console at {ConsoleUrl}: sign in with the admin key in the secret '{SecretName}' (dotnet run --project src/O365Functions.Local -- secrets set {SecretName} reads it from standard input).")]
    private static partial void LogConsole(ILogger logger, string consoleUrl, string secretName);
}
