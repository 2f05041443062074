using O365Functions.Core.State;

namespace O365Functions.Storage.TableStorage;

/// <summary>
/// Where a Table Storage account is and how to sign in to it, read from a storage connection string. Azurite's
/// development shortcut <c>UseDevelopmentStorage=true</c> is understood.
/// </summary>
/// <param name="TableEndpoint">The table service URL (for Azurite, path-style: <c>http://127.0.0.1:10002/devstoreaccount1</c>).</param>
/// <param name="AccountName">The storage account name.</param>
/// <param name="AccountKey">The base64 account key.</param>
public sealed record TableStorageConnection(Uri TableEndpoint, string AccountName, string AccountKey)
{
    /// <summary>Azurite's well-known development account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's published development account key (not a secret).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Parses a storage connection string.</summary>
    public static TableStorageConnection Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            return new(new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"), DevelopmentAccountName, DevelopmentAccountKey);
        }

        if (!parts.TryGetValue("AccountName", out var account) || !parts.TryGetValue("AccountKey", out var key))
        {
            throw new EntityStoreException(EntityStoreError.InvalidInput,
                "The storage connection string needs AccountName and AccountKey (or UseDevelopmentStorage=true); " +
                "for managed identity, configure the table endpoint instead of a connection string.");
        }

        Uri endpoint;
        if (parts.TryGetValue("TableEndpoint", out var explicitEndpoint))
        {
            endpoint = new Uri(explicitEndpoint.TrimEnd('/'));
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"{protocol}://{account}.table.{suffix}");
        }

        return new(endpoint, account, key);
    }

    /// <inheritdoc />
    public override string ToString() => $"TableStorageConnection {{ TableEndpoint = {TableEndpoint}, AccountName = {AccountName} }}";
}
