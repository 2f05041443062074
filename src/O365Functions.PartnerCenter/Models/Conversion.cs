namespace O365Functions.PartnerCenter.Models;

/// <summary>A possible conversion of a trial to a paid offer.</summary>
public sealed record Conversion
{
    /// <summary>The trial's offer.</summary>
    public string? OfferId { get; init; }

    /// <summary>The paid offer.</summary>
    public string? TargetOfferId { get; init; }

    /// <summary>The trial's order.</summary>
    public string? OrderId { get; init; }

    /// <summary>How many licenses.</summary>
    public int Quantity { get; init; }

    /// <summary>The billing cycle of the paid subscription.</summary>
    public BillingCycle BillingCycle { get; init; }
}
