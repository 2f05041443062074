using System.Text.Json.Serialization;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Core.State.Records;

/// <summary>Where a tenant is in its life, as its record and the APS <c>status</c> say.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TenantStatus>))]
public enum TenantStatus
{
    /// <summary>Accepted; the provisioning workflow runs.</summary>
    Provisioning,

    /// <summary>An existing organization: waiting for its admin to accept the reseller relationship.</summary>
    AwaitingRelationship,

    /// <summary>Provisioned, every subscription bought and active.</summary>
    Active,

    /// <summary>Every subscription suspended (<c>PUT /tenants/{id}/disable</c>).</summary>
    Suspended,

    /// <summary>The provisioning failed; <c>statusMessage</c> says where and what was bought.</summary>
    Failed,

    /// <summary>Unprovisioned: its subscriptions ended, the customer kept at Microsoft.</summary>
    Removed,
}
