using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using O365Functions.Core.Secrets;

namespace O365Functions.Storage.Secrets;

/// <summary>
/// The embedded default secret store: every version of every secret, encrypted with ASP.NET Core Data Protection
/// (AES-256-CBC with HMAC-SHA256) in one JSON file. Writes replace the file atomically, one process at a time (the
/// gateway and the <c>secrets</c> command may write while the other runs), and every read sees the latest file.
/// </summary>
/// <remarks>
/// The file holds only ciphertext; the key ring lives in its own directory (<see cref="LocalSecretStoreOptions"/>),
/// so a copied or backed-up secrets file discloses nothing by itself. It serves one local gateway process; Azure uses
/// <see cref="KeyVaultSecretStore"/>.
/// </remarks>
public sealed class LocalSecretStore : ISecretStore, IDisposable
{
    private const string Purpose = "O365Functions.Secrets.v1";
    private readonly IDataProtector _protector;
    private readonly string _file;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Opens the store, creating its folders when they do not exist.</summary>
    public LocalSecretStore(LocalSecretStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _file = Path.GetFullPath(options.SecretsFile);
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var keys = Directory.CreateDirectory(options.KeysDirectory);
        _protector = DataProtectionProvider.Create(keys, b => b.SetApplicationName("O365Functions")).CreateProtector(Purpose);
    }

    /// <inheritdoc />
    public async Task<SecretValue?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        var file = await ReadAsync(cancellationToken);
        if (!file.TryGetValue(name, out var versions) || versions.Count == 0)
        {
            return null;
        }

        var latest = versions[^1];
        try
        {
            return new SecretValue(name, latest.Version, _protector.Unprotect(latest.Ciphertext));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new SecretStoreException(
                $"Secret '{name}' cannot be decrypted: the key ring in the keys directory is not the one it was written with.", null);
        }
    }

    /// <inheritdoc />
    public async Task<string> SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        ArgumentNullException.ThrowIfNull(value);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            using var writer = await FileWriteLock.AcquireAsync(_file, cancellationToken);
            var file = await ReadAsync(cancellationToken);
            var version = Guid.NewGuid().ToString("N");
            if (!file.TryGetValue(name, out var versions))
            {
                file[name] = versions = [];
            }

            versions.Add(new StoredVersion(version, _protector.Protect(value), DateTimeOffset.UtcNow));
            await WriteAsync(file, cancellationToken);
            return version;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            using var writer = await FileWriteLock.AcquireAsync(_file, cancellationToken);
            var file = await ReadAsync(cancellationToken);
            if (!file.Remove(name))
            {
                return false;
            }

            await WriteAsync(file, cancellationToken);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The names of the stored secrets, never their values (for <c>secrets list</c>).</summary>
    public async Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken cancellationToken = default) =>
        [.. (await ReadAsync(cancellationToken)).Where(pair => pair.Value.Count > 0).Select(pair => pair.Key).Order(StringComparer.OrdinalIgnoreCase)];

    private async Task WriteAsync(Dictionary<string, List<StoredVersion>> file, CancellationToken cancellationToken)
    {
        var temporary = _file + ".tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(file), cancellationToken);
        File.Move(temporary, _file, overwrite: true);
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private async Task<Dictionary<string, List<StoredVersion>>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_file))
        {
            return new(StringComparer.OrdinalIgnoreCase);
        }

        await using var stream = File.OpenRead(_file);
        var stored = await JsonSerializer.DeserializeAsync<Dictionary<string, List<StoredVersion>>>(stream, cancellationToken: cancellationToken);
        return new(stored ?? [], StringComparer.OrdinalIgnoreCase);
    }

    private sealed record StoredVersion(string Version, string Ciphertext, DateTimeOffset Created);
}
