namespace O365Functions.PartnerCenter.Models;

/// <summary>What a trial conversion did.</summary>
public sealed record ConversionResult
{
    /// <summary>The resulting subscription.</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>The trial's offer.</summary>
    public string? OfferId { get; init; }

    /// <summary>The paid offer.</summary>
    public string? TargetOfferId { get; init; }
}
