using System.Text.Json.Serialization;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Core.State.Records;

/// <summary>A subscription's status at Microsoft, as Partner Center names them.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<SubscriptionStatus>))]
public enum SubscriptionStatus
{
    /// <summary>A status Partner Center sent that the gateway does not know.</summary>
    Unknown,

    /// <summary>No status.</summary>
    None,

    /// <summary>In use.</summary>
    Active,

    /// <summary>Being provisioned.</summary>
    Pending,

    /// <summary>Suspended; data kept.</summary>
    Suspended,

    /// <summary>Cancelled.</summary>
    Deleted,

    /// <summary>Past its term.</summary>
    Expired,

    /// <summary>Disabled.</summary>
    Disabled,
}
