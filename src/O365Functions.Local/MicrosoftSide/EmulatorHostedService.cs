using O365Functions.Core.Secrets;
using O365Functions.Emulators;
using O365Functions.PartnerCenter.Auth;

namespace O365Functions.Local.MicrosoftSide;

/// <summary>
/// Starts the Microsoft emulator with the gateway and seeds the local secret store with the emulator's client secret
/// and refresh token, so the gateway's real token and Partner Center code paths run with no credentials at all.
/// </summary>
internal sealed partial class EmulatorHostedService(
    MicrosoftEmulator emulator, ISecretStore secrets, EntraTokenOptions tokenOptions, ILogger<EmulatorHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await emulator.StartAsync(cancellationToken);
        tokenOptions.AuthorityHost = emulator.BaseUri;
        await secrets.SetAsync(tokenOptions.ClientSecretName, emulator.Options.ClientSecret, cancellationToken);
        await secrets.SetAsync(tokenOptions.RefreshTokenName, emulator.Options.InitialRefreshToken, cancellationToken);
        LogListening(emulator.BaseUri);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await emulator.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Microsoft is emulated at {BaseUri} (Partner Center, Entra tokens, Graph under graph/v1.0, state at emulator/state).")]
    private partial void LogListening(Uri baseUri);
}
