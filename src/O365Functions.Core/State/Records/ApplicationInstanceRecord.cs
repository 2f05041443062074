namespace O365Functions.Core.State.Records;

/// <summary>An application instance: one per APS instance, with the settings the provider gave it.</summary>
public sealed record ApplicationInstanceRecord(
    string InstanceId,
    string Cloud,
    string PartnerTenantId,
    string ApplicationId,
    string AccountMode,
    string CspModel,
    string DefaultCountry,
    IReadOnlyList<string> CatalogCountries,
    string CatalogLanguage,
    string BillingCycle);
