namespace O365Functions.Core.Consent;

/// <summary>
/// Tries an instance's stored refresh token with Microsoft: one token exchange with the instance's own credentials
/// and endpoints. Implemented over the Entra token client; the workflow that records the outcome is Core's.
/// </summary>
public interface IConsentExchange
{
    /// <summary>Exchanges the instance's refresh token once and says how it went.</summary>
    Task<ConsentCheck> ExchangeAsync(string instanceId, CancellationToken cancellationToken);
}
