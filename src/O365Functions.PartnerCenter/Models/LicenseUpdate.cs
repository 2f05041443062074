namespace O365Functions.PartnerCenter.Models;

/// <summary>Licenses to assign to and remove from one user, all from the same license group.</summary>
public sealed record LicenseUpdate
{
    /// <summary>Licenses to assign.</summary>
    public IReadOnlyList<LicenseAssignment>? LicensesToAssign { get; init; }

    /// <summary>SKU ids to remove.</summary>
    public IReadOnlyList<string>? LicensesToRemove { get; init; }

    /// <summary>Warnings Partner Center attached to the update it carried out (server-filled).</summary>
    public IReadOnlyList<LicenseWarning>? LicenseWarnings { get; init; }
}
