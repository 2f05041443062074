using System.Text.Json.Serialization;

namespace O365Functions.Api.Aps.Services;

/// <summary>The <c>app</c> resource as the controller sends it (install and configure).</summary>
internal sealed record AppSettingsBody
{
    public string? Cloud { get; init; }

    public string? PartnerTenantId { get; init; }

    public string? ApplicationId { get; init; }

    public string? ApplicationSecret { get; init; }

    public string? AccountMode { get; init; }

    public string? CspModel { get; init; }

    public string? DefaultCountry { get; init; }

    public IReadOnlyList<string>? CatalogCountries { get; init; }

    public string? CatalogLanguage { get; init; }

    public string? ProductNames { get; init; }

    public string? AdminAccessGroupId { get; init; }

    public string? BillingCycle { get; init; }

    public EndpointsBody? Endpoints { get; init; }

    [JsonPropertyName("aps")]
    public ApsMetaBody? Aps { get; init; }
}

/// <summary>The <c>endpoints</c> object.</summary>
internal sealed record EndpointsBody(string? PartnerCenter, string? Login, string? Graph);

/// <summary>The part of the <c>aps</c> object the gateway reads.</summary>
internal sealed record ApsMetaBody
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public X509Body? X509 { get; init; }
}

/// <summary><c>aps.x509</c>: the instance's certificate and key, and the controller's certificate (PEM).</summary>
internal sealed record X509Body(string? Self, string? Controller);
