namespace O365Functions.PartnerCenter.Models;

/// <summary>Partner Center's verdict on an address, with its suggestions.</summary>
public sealed record AddressValidationResult
{
    /// <summary>The address as sent.</summary>
    public Address? OriginalAddress { get; init; }

    /// <summary>Corrected addresses, when there are any.</summary>
    public IReadOnlyList<Address> SuggestedAddresses { get; init; } = [];

    /// <summary><c>VerifiedShippable</c>, <c>Verified</c>, <c>StreetPartial</c>, <c>None</c>, ...</summary>
    public string? Status { get; init; }

    /// <summary>Why the address did not verify, when it did not.</summary>
    public string? ValidationMessage { get; init; }

    /// <summary>True for the two verified statuses.</summary>
    public bool IsVerified => Status is "Verified" or "VerifiedShippable";
}
