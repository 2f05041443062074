namespace O365Functions.PartnerCenter.Models;

/// <summary>Where a subscription is. Unknown values read as <see cref="Unknown"/>.</summary>
public enum SubscriptionStatus
{
    /// <summary>Not a value this client knows.</summary>
    Unknown,

    /// <summary>No status.</summary>
    None,

    /// <summary>In use.</summary>
    Active,

    /// <summary>Being provisioned.</summary>
    Pending,

    /// <summary>Suspended; data kept.</summary>
    Suspended,

    /// <summary>Cancelled.</summary>
    Deleted,

    /// <summary>Past its term.</summary>
    Expired,

    /// <summary>Disabled.</summary>
    Disabled,
}
