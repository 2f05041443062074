namespace O365Functions.PartnerCenter.Models;

/// <summary>A customer's company profile: its tenant and initial domain.</summary>
public sealed record CustomerCompanyProfile
{
    /// <summary>The customer's Entra tenant id.</summary>
    public string? TenantId { get; init; }

    /// <summary>The initial <c>*.onmicrosoft.com</c> domain.</summary>
    public string? Domain { get; init; }

    /// <summary>The company name.</summary>
    public string? CompanyName { get; init; }

    /// <summary>Registration number, required in some countries.</summary>
    public string? OrganizationRegistrationNumber { get; init; }
}
