namespace O365Functions.Emulators.Aps;

/// <summary>How the emulated controller authenticates to the application.</summary>
public enum ApsAuthentication
{
    /// <summary>A TLS client certificate the controller generated and sent at install (APS's default).</summary>
    Certificate,

    /// <summary>OAuth 1.0a HMAC-SHA1 signatures with a shared consumer key and secret.</summary>
    OAuth,
}
