namespace O365Functions.PartnerCenter.Models;

/// <summary>Where an order is. Unknown values read as <see cref="Unknown"/>.</summary>
public enum OrderStatus
{
    /// <summary>Not a value this client knows.</summary>
    Unknown,

    /// <summary>Fulfilled.</summary>
    Completed,

    /// <summary>Still being fulfilled.</summary>
    Pending,

    /// <summary>Cancelled.</summary>
    Cancelled,
}
