namespace O365Functions.Core.State.Records;

/// <summary>
/// An application instance: one per APS instance, with the settings the provider gave it at install or last
/// configure. Secrets (the application secret, refresh tokens, the instance's certificates) are not here: they live in
/// the secret store under <see cref="Secrets.InstanceSecretNames"/>.
/// </summary>
/// <param name="InstanceId">The APS instance id (the app resource's <c>aps.id</c>), sent as <c>APS-Instance-ID</c>.</param>
/// <param name="Cloud"><c>global</c>, <c>china</c> or <c>usgov</c>.</param>
/// <param name="PartnerTenantId">The partner's Entra tenant.</param>
/// <param name="ApplicationId">The partner's app registration (client id).</param>
/// <param name="AccountMode"><c>production</c> or <c>sandbox</c> (Partner Center integration sandbox).</param>
/// <param name="CspModel"><c>direct</c> or <c>indirect</c>.</param>
/// <param name="DefaultCountry">The ISO-2 country used when a tenant names none.</param>
/// <param name="CatalogCountries">The countries the catalog is read for.</param>
/// <param name="CatalogLanguage">The catalog's language, such as <c>en-US</c>.</param>
/// <param name="BillingCycle">The default billing cycle, <c>monthly</c> or <c>annual</c>.</param>
/// <param name="ProductNames"><c>keep</c> or <c>continuous</c>.</param>
/// <param name="Endpoints">Custom Microsoft endpoints, when the gateway allows them.</param>
/// <param name="Authentication">How the controller authenticates for this instance: <c>certificate</c> or <c>oauth</c>.</param>
/// <param name="ControllerUri">The <c>APS-Controller-URI</c> of the last request, for calls back to the controller.</param>
/// <param name="ApsType">The APS type id the instance was installed with.</param>
/// <param name="PackageVersion">The package version last installed or upgraded to.</param>
/// <param name="AdminAccessGroupId">The partner's security group given admin roles (GDAP) in linked customer tenants.</param>
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
    string BillingCycle,
    string ProductNames = "keep",
    MicrosoftEndpointsRecord? Endpoints = null,
    string Authentication = "certificate",
    string? ControllerUri = null,
    string? ApsType = null,
    string? PackageVersion = null,
    string? AdminAccessGroupId = null);
