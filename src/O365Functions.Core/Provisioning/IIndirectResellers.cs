namespace O365Functions.Core.Provisioning;

/// <summary>
/// The indirect resellers an indirect provider sells through, as Partner Center lists them, so an order naming a
/// reseller the provider has no relationship with is refused before a customer is created for it.
/// </summary>
public interface IIndirectResellers
{
    /// <summary>Whether <paramref name="mpnId"/> is one of the instance's partner's active indirect resellers.</summary>
    Task<ResellerStanding> StandingOfAsync(string instanceId, string mpnId, CancellationToken cancellationToken);
}

/// <summary>What Partner Center says of a reseller's MPN ID.</summary>
/// <param name="Known">Listed as an active indirect reseller; null when the list could not be read (the purchase then checks it).</param>
/// <param name="Listed">How many active indirect resellers the partner has, for the refusal's advice.</param>
/// <param name="Problem">Why the list could not be read.</param>
public sealed record ResellerStanding(bool? Known, int Listed, string? Problem = null);
