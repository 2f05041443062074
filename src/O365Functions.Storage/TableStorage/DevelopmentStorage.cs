namespace O365Functions.Storage.TableStorage;

/// <summary>
/// Azurite's well-known development account, for an Azurite on a port other than its default 10002 (tests and
/// benchmarks start it on a free loopback port). Its key is published with Azurite and is not a secret.
/// </summary>
public static class DevelopmentStorage
{
    /// <summary>The development account's name.</summary>
    public const string AccountName = "devstoreaccount1";

    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The connection string of the development account on an Azurite Table service listening on <paramref name="tableEndpoint"/>.</summary>
    public static string ConnectionString(Uri tableEndpoint)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        return $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={tableEndpoint.AbsoluteUri.TrimEnd('/')};";
    }

    /// <summary>The connection string of the development account on Azurite's Table service at <c>127.0.0.1:{port}</c>.</summary>
    public static string ConnectionString(int port) => ConnectionString(new Uri($"http://127.0.0.1:{port}/{AccountName}"));
}
