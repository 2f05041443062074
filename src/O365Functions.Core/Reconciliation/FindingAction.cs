using System.Text.Json.Serialization;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Core.Reconciliation;

/// <summary>What a reconciliation did about one difference between the record and Partner Center.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<FindingAction>))]
public enum FindingAction
{
    /// <summary>The record now follows Partner Center (the read was whole).</summary>
    Fixed,

    /// <summary>Seen and left alone: the read was partial, or the subscription is not the gateway's.</summary>
    Noted,

    /// <summary>A recorded subscription Partner Center no longer lists: a person must look.</summary>
    NeedsPerson,
}
