using System.Text.Json;
using System.Text.Json.Serialization;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Models;

/// <summary>Why Partner Center cannot order a cart line item (server-filled), such as 10001 for a catalog item id that is not valid.</summary>
public sealed record CartLineItemError
{
    /// <summary>The cart error code (a number or a string on the wire).</summary>
    [JsonConverter(typeof(NumberOrStringConverter))]
    public string? ErrorCode { get; init; }

    /// <summary>What is wrong.</summary>
    public string? ErrorDescription { get; init; }

    /// <summary>More detail, when Partner Center gives it.</summary>
    public JsonElement? AdditionalInformation { get; init; }
}
