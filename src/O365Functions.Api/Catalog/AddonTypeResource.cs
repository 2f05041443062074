using O365Functions.Core.Catalog;

namespace O365Functions.Api.Catalog;

/// <summary>An add-on type as the APS <c>addonTypes</c> service shows it.</summary>
public sealed record AddonTypeResource(
    string Name,
    string OfferId,
    string ProvisioningId,
    bool AssignableToUsers,
    IReadOnlyList<string> PossibleParentOffers,
    int MinimumQuantity,
    int MaximumQuantity)
{
    /// <summary>Maps a catalog add-on type to its resource shape.</summary>
    public static AddonTypeResource From(AddonType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new(type.Name, type.OfferId, type.ProvisioningId, type.AssignableToUsers,
            type.PossibleParentOffers, type.Quantity.Minimum, type.Quantity.Maximum);
    }
}
