namespace O365Functions.Emulators.PartnerCenter;

/// <summary>A customer tenant in the emulator.</summary>
internal sealed record EmulatedCustomer(string Id, string CommerceId, string Domain, string CompanyName, string Country, string? Email, string? AssociatedPartnerId)
{
    public bool AgreementAttested { get; set; }
}
