namespace O365Functions.PartnerCenter.Models;

/// <summary>How often a subscription is billed. Unknown values read as <see cref="Unknown"/>.</summary>
public enum BillingCycle
{
    /// <summary>Not a value this client knows.</summary>
    Unknown,

    /// <summary>Monthly.</summary>
    Monthly,

    /// <summary>Annual.</summary>
    Annual,

    /// <summary>No billing (trials).</summary>
    None,

    /// <summary>Once.</summary>
    OneTime,

    /// <summary>Every three years.</summary>
    Triennial,

    /// <summary>Every two years.</summary>
    Biennial,
}
