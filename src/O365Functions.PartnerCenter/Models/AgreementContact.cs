namespace O365Functions.PartnerCenter.Models;

/// <summary>The customer contact who accepted the Microsoft Customer Agreement.</summary>
public sealed record AgreementContact(string FirstName, string LastName, string Email, string? PhoneNumber = null);
