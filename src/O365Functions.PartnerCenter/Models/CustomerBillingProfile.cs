namespace O365Functions.PartnerCenter.Models;

/// <summary>A customer's billing profile.</summary>
public sealed record CustomerBillingProfile
{
    /// <summary>The profile id.</summary>
    public string? Id { get; init; }

    /// <summary>Billing contact email.</summary>
    public string? Email { get; init; }

    /// <summary>Culture, such as <c>en-US</c>.</summary>
    public string? Culture { get; init; }

    /// <summary>Language, such as <c>en</c>.</summary>
    public string? Language { get; init; }

    /// <summary>The company name.</summary>
    public string? CompanyName { get; init; }

    /// <summary>The billing address.</summary>
    public Address? DefaultAddress { get; init; }

    /// <summary>Type and ETag.</summary>
    public ResourceAttributes? Attributes { get; init; }
}
