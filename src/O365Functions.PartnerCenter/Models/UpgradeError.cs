using System.Text.Json.Serialization;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Models;

/// <summary>Why Partner Center did not (or would not) carry out an upgrade, such as <c>subscription_status_not_active</c>.</summary>
public sealed record UpgradeError
{
    /// <summary>The error code.</summary>
    public string? Code { get; init; }

    /// <summary>What went wrong.</summary>
    public string? Description { get; init; }

    /// <summary>More detail, when Partner Center gives it: documented as text, sometimes an object (kept as its JSON).</summary>
    [JsonConverter(typeof(AnyJsonAsTextConverter))]
    public string? AdditionalDetails { get; init; }
}
