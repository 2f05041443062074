namespace O365Functions.Local;

/// <summary>Where the local gateway keeps its files (state, secrets, keys): <c>Storage:DataDirectory</c>, <c>.data</c> by default.</summary>
public static class LocalDataDirectory
{
    /// <summary>The configured folder, or <c>.data</c>.</summary>
    public static string From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Storage:DataDirectory"] ?? ".data";
    }
}
