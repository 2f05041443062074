namespace O365Functions.Core.Catalog;

/// <summary>A precise reason why a request against the catalog was rejected.</summary>
/// <param name="Code">The kind of problem.</param>
/// <param name="ProvisioningId">The requested offer the problem is about.</param>
/// <param name="Message">What is wrong and what to do, fit to show to a provider or customer.</param>
public sealed record CatalogError(CatalogErrorCode Code, string ProvisioningId, string Message)
{
    /// <summary>
    /// For <see cref="CatalogErrorCode.MissingAncestor"/>, the provisioning ids of which at least one must be added
    /// (with its own ancestors); for <see cref="CatalogErrorCode.ParentCycle"/>, the loop, starting and ending at the
    /// same offer. Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Offers { get; init; } = [];
}
