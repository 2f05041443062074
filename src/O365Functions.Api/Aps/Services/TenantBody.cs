namespace O365Functions.Api.Aps.Services;

/// <summary>A <c>tenants</c> resource as the controller sends it.</summary>
internal sealed record TenantBody
{
    public string? DomainPrefix { get; init; }

    public string? ExistingTenantDomain { get; init; }

    public string? CompanyName { get; init; }

    public string? Country { get; init; }

    public ContactBody? Contact { get; init; }

    public AddressBody? Address { get; init; }

    public string? Culture { get; init; }

    public string? Language { get; init; }

    public string? ResellerMpnId { get; init; }

    public IReadOnlyList<string>? TrialLicenses { get; init; }
}

/// <summary>A tenant's <c>contact</c>.</summary>
internal sealed record ContactBody(string? FirstName, string? LastName, string? Email, string? Phone);

/// <summary>A tenant's <c>address</c>.</summary>
internal sealed record AddressBody(string? AddressLine1, string? AddressLine2, string? City, string? State, string? PostalCode);
