namespace O365Functions.PartnerCenter.Models;

/// <summary>A postal address, as Partner Center validates and stores it.</summary>
public sealed record Address
{
    /// <summary>Given name of the contact.</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name of the contact.</summary>
    public string? LastName { get; init; }

    /// <summary>First street line (1 to 200 characters).</summary>
    public string? AddressLine1 { get; init; }

    /// <summary>Second street line.</summary>
    public string? AddressLine2 { get; init; }

    /// <summary>City.</summary>
    public string? City { get; init; }

    /// <summary>State or province.</summary>
    public string? State { get; init; }

    /// <summary>Postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>Country, ISO 3166 alpha-2.</summary>
    public string? Country { get; init; }

    /// <summary>Region.</summary>
    public string? Region { get; init; }

    /// <summary>Phone number.</summary>
    public string? PhoneNumber { get; init; }
}
