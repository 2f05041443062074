namespace O365Functions.Local.MicrosoftSide;

/// <summary>Which Microsoft the local gateway talks to.</summary>
public enum MicrosoftMode
{
    /// <summary>The built-in emulator on 127.0.0.1: no credentials, nothing leaves the machine. The default.</summary>
    Emulated,

    /// <summary>Microsoft's real endpoints, with the partner's app registration and consent in the secret store.</summary>
    Live,
}
