namespace O365Functions.PartnerCenter.Models;

/// <summary>A warning Partner Center attached to a license update, such as service plans that conflict.</summary>
public sealed record LicenseWarning
{
    /// <summary>The warning's code.</summary>
    public string? Code { get; init; }

    /// <summary>What it means.</summary>
    public string? Message { get; init; }

    /// <summary>The service plans it concerns.</summary>
    public IReadOnlyList<string> ServicePlans { get; init; } = [];
}
