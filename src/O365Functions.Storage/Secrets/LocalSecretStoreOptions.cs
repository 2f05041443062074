namespace O365Functions.Storage.Secrets;

/// <summary>Where the local secret store keeps its encrypted file and its Data Protection key ring.</summary>
public sealed class LocalSecretStoreOptions
{
    /// <summary>The store kept in <paramref name="folder"/>: <c>secrets.json</c> and the key ring in <c>keys</c>.</summary>
    public static LocalSecretStoreOptions In(string folder) => new()
    {
        SecretsFile = Path.Combine(folder, "secrets.json"),
        KeysDirectory = Path.Combine(folder, "keys"),
    };

    /// <summary>The encrypted secrets file.</summary>
    public string SecretsFile { get; set; } = ".data/secrets.json";

    /// <summary>
    /// The Data Protection key ring. Keep it out of backups of <see cref="SecretsFile"/>: the file alone cannot be
    /// decrypted.
    /// </summary>
    public string KeysDirectory { get; set; } = ".data/keys";
}
