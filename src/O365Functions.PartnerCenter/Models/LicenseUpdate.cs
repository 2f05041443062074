namespace O365Functions.PartnerCenter.Models;

/// <summary>Licenses to assign to and remove from one user, all from the same license group.</summary>
public sealed record LicenseUpdate
{
    /// <summary>Licenses to assign.</summary>
    public IReadOnlyList<LicenseAssignment>? LicensesToAssign { get; init; }

    /// <summary>SKU ids to remove.</summary>
    public IReadOnlyList<string>? LicensesToRemove { get; init; }
}
