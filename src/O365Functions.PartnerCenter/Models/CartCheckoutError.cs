using System.Text.Json.Serialization;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Models;

/// <summary>Why one order group of a cart was not ordered.</summary>
public sealed record CartCheckoutError
{
    /// <summary>The order group that failed.</summary>
    public string? OrderGroupId { get; init; }

    /// <summary>Partner Center's error code (a number or a string on the wire).</summary>
    [JsonConverter(typeof(NumberOrStringConverter))]
    public string? Code { get; init; }

    /// <summary>What went wrong.</summary>
    public string? Description { get; init; }
}
