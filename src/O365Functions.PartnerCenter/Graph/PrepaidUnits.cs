namespace O365Functions.PartnerCenter.Graph;

/// <summary>How many licenses of a SKU the tenant has, by state.</summary>
public sealed record PrepaidUnits
{
    /// <summary>Usable licenses.</summary>
    public int Enabled { get; init; }

    /// <summary>Suspended licenses.</summary>
    public int Suspended { get; init; }

    /// <summary>Licenses in their warning period.</summary>
    public int Warning { get; init; }
}
