using O365Functions.Emulators;

namespace O365Functions.Local.MicrosoftSide;

/// <summary>
/// Starts the Microsoft emulator with the gateway, so an instance installed without endpoints of its own runs the
/// gateway's real token, Partner Center and Graph code paths against it with the emulator's credentials.
/// </summary>
internal sealed partial class EmulatorHostedService(MicrosoftEmulator emulator, ILogger<EmulatorHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await emulator.StartAsync(cancellationToken);
        LogListening(emulator.BaseUri);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await emulator.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Microsoft is emulated at {BaseUri} (Partner Center, Entra tokens, Graph under graph/v1.0, state at emulator/state).")]
    private partial void LogListening(Uri baseUri);
}
