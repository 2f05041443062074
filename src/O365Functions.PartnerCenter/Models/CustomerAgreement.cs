namespace O365Functions.PartnerCenter.Models;

/// <summary>The partner's attestation that the customer accepted the Microsoft Customer Agreement.</summary>
public sealed record CustomerAgreement
{
    /// <summary>Who accepted.</summary>
    public required AgreementContact PrimaryContact { get; init; }

    /// <summary>The agreement template id, from the agreement metadata API.</summary>
    public required string TemplateId { get; init; }

    /// <summary>When it was accepted.</summary>
    public required DateTimeOffset DateAgreed { get; init; }

    /// <summary>The agreement type.</summary>
    public string Type { get; init; } = "MicrosoftCustomerAgreement";
}
