using Azure;
using Azure.Security.KeyVault.Secrets;
using O365Functions.Core.Secrets;

namespace O365Functions.Storage.Secrets;

/// <summary>
/// Secrets in Azure Key Vault, through the Key Vault SDK (versioned secrets, managed identity in production).
/// </summary>
/// <remarks>
/// Errors are rethrown as <see cref="SecretStoreException"/> carrying the secret's name and the HTTP status only:
/// the SDK's own exception text includes the response, which is safe today, but the gateway's rule is that nothing
/// it throws about a secret could ever carry the value.
/// </remarks>
public sealed class KeyVaultSecretStore(SecretClient client) : ISecretStore
{
    /// <inheritdoc />
    public async Task<SecretValue?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        try
        {
            var secret = await client.GetSecretAsync(name, cancellationToken: cancellationToken);
            return new SecretValue(name, secret.Value.Properties.Version, secret.Value.Value);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException ex)
        {
            throw new SecretStoreException($"Key Vault refused to read secret '{name}' (HTTP {ex.Status}, {ex.ErrorCode ?? "no code"}).", null);
        }
    }

    /// <inheritdoc />
    public async Task<string> SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            var secret = await client.SetSecretAsync(name, value, cancellationToken);
            return secret.Value.Properties.Version;
        }
        catch (RequestFailedException ex)
        {
            throw new SecretStoreException($"Key Vault refused to store secret '{name}' (HTTP {ex.Status}, {ex.ErrorCode ?? "no code"}).", null);
        }
    }

    /// <summary>Starts Key Vault's deletion of every version (soft delete keeps it recoverable for the vault's retention); does not wait for the purge.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        try
        {
            await client.StartDeleteSecretAsync(name, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw new SecretStoreException($"Key Vault refused to delete secret '{name}' (HTTP {ex.Status}, {ex.ErrorCode ?? "no code"}).", null);
        }
    }
}
