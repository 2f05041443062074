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
        try
        {
            await emulator.StartAsync(cancellationToken);
        }
        catch (IOException bind)
        {
            throw new InvalidOperationException(
                $"The Microsoft emulator could not listen on 127.0.0.1:{emulator.Options.Port} ({bind.Message}). Set Microsoft:EmulatorPort to a free port " +
                "(0 picks one), or Microsoft:Mode to Live to use Microsoft instead of the emulator.", bind);
        }

        LogListening(emulator.BaseUri);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await emulator.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Microsoft is emulated at {BaseUri} (Partner Center, Entra tokens, Graph under graph/v1.0, state at emulator/state).")]
    private partial void LogListening(Uri baseUri);
}
