using System.Text.Json.Nodes;

namespace O365Functions.Emulators.PartnerCenter;

/// <summary>A cart in the emulator.</summary>
internal sealed record EmulatedCart(string Id, string CustomerId, DateTimeOffset CreatedAt)
{
    public JsonArray LineItems { get; set; } = [];

    public bool Ordered { get; set; }
}
