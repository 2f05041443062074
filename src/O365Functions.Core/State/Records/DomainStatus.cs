using System.Text.Json.Serialization;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Core.State.Records;

/// <summary>Where a custom domain is, as its record and the APS <c>status</c> say.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<DomainStatus>))]
public enum DomainStatus
{
    /// <summary>Accepted or in the tenant; its TXT record is not verified yet.</summary>
    Pending,

    /// <summary>Verified by Microsoft.</summary>
    Verified,
}
