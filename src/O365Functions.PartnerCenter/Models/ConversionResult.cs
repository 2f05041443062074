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

    /// <summary>Why the conversion was not made, when it was not (Partner Center answers 200 with it).</summary>
    public ConversionError? Error { get; init; }
}

/// <summary>A trial conversion's failure.</summary>
/// <param name="Code">Partner Center's code.</param>
/// <param name="Description">What it said.</param>
public sealed record ConversionError(string? Code, string? Description);
