using O365Functions.Core.Catalog;

namespace O365Functions.Api.Catalog;

/// <summary>A license type as the APS <c>licenseTypes</c> service shows it.</summary>
public sealed record LicenseTypeResource(
    string Name,
    string OfferId,
    string? TrialOfferId,
    string ProvisioningId,
    bool AssignableToUsers,
    IReadOnlyList<string> PossibleUpgrades,
    int MinimumQuantity,
    int MaximumQuantity)
{
    /// <summary>Maps a catalog license type to its resource shape.</summary>
    public static LicenseTypeResource From(LicenseType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new(type.Name, type.OfferId, type.TrialOfferId, type.ProvisioningId, type.AssignableToUsers,
            type.PossibleUpgrades, type.Quantity.Minimum, type.Quantity.Maximum);
    }
}
