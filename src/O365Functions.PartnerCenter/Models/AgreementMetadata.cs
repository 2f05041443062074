namespace O365Functions.PartnerCenter.Models;

/// <summary>
/// One agreement template Partner Center knows (<c>GET /v1/agreements?agreementType=...</c>). An attestation names the
/// template by <see cref="TemplateId"/>, which Microsoft may change with a new version of the agreement, so it is read
/// here rather than written into the gateway.
/// </summary>
public sealed record AgreementMetadata
{
    /// <summary>The template's id, sent in <see cref="CustomerAgreement.TemplateId"/>.</summary>
    public string? TemplateId { get; init; }

    /// <summary><c>MicrosoftCustomerAgreement</c> or <c>MicrosoftCloudAgreement</c>.</summary>
    public string? AgreementType { get; init; }

    /// <summary>The agreement's text.</summary>
    public Uri? AgreementLink { get; init; }

    /// <summary>The version's rank: the highest is the one in force.</summary>
    public int VersionRank { get; init; }
}
