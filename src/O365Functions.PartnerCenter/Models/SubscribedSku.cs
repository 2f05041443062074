namespace O365Functions.PartnerCenter.Models;

/// <summary>A SKU the customer has licenses of, with how many are used.</summary>
public sealed record SubscribedSku
{
    /// <summary>Licenses not yet assigned.</summary>
    public int AvailableUnits { get; init; }

    /// <summary>Licenses assigned.</summary>
    public int ConsumedUnits { get; init; }

    /// <summary>Licenses in total.</summary>
    public int TotalUnits { get; init; }

    /// <summary>Licenses of active subscriptions.</summary>
    public int ActiveUnits { get; init; }

    /// <summary>Licenses of suspended subscriptions: they exist but cannot be used.</summary>
    public int SuspendedUnits { get; init; }

    /// <summary>Licenses in their grace period before they are disabled.</summary>
    public int WarningUnits { get; init; }

    /// <summary>The SKU.</summary>
    public ProductSku? ProductSku { get; init; }
}
