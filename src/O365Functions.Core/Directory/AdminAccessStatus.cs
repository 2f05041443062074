using System.Text.Json.Serialization;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Core.Directory;

/// <summary>Where a GDAP relationship is, as Microsoft Graph names it (<c>delegatedAdminRelationshipStatus</c>).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AdminAccessStatus>))]
public enum AdminAccessStatus
{
    /// <summary>A status Graph sent that the gateway does not know.</summary>
    Unknown,

    /// <summary>Created, not yet locked for approval.</summary>
    Created,

    /// <summary>Locked for approval: the customer's admin can approve it.</summary>
    ApprovalPending,

    /// <summary>Approved; being activated.</summary>
    Approved,

    /// <summary>Being activated.</summary>
    Activating,

    /// <summary>In force.</summary>
    Active,

    /// <summary>Soon past its duration.</summary>
    Expiring,

    /// <summary>Past its duration.</summary>
    Expired,

    /// <summary>Ending at someone's request.</summary>
    TerminationRequested,

    /// <summary>Ended.</summary>
    Terminated,
}
