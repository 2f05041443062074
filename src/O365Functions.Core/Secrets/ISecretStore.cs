namespace O365Functions.Core.Secrets;

/// <summary>
/// Where the gateway keeps refresh tokens, application secrets and APS instance keys: Key Vault in Azure, an
/// encrypted file locally. Every write creates a new version, so a rotated refresh token never overwrites the one a
/// concurrent reader still uses.
/// </summary>
public interface ISecretStore
{
    /// <summary>The current version of a secret, or <see langword="null"/> when it does not exist.</summary>
    Task<SecretValue?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stores a new version of a secret and returns its version id.</summary>
    Task<string> SetAsync(string name, string value, CancellationToken cancellationToken = default);

    /// <summary>Deletes every version of a secret (a one-time value once it was handed over); false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
