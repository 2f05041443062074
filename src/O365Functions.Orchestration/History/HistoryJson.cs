using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace O365Functions.Orchestration.History;

/// <summary>
/// How history events are written to the store: compact JSON with enum names, so stored history stays readable, and
/// only the escaping JSON requires (payloads are JSON themselves; the default encoder would write each of their quotes
/// as six characters).
/// </summary>
internal static class HistoryJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(IReadOnlyList<HistoryEvent> events) => JsonSerializer.Serialize(events, Options);

    public static string Serialize(HistoryEvent message) => JsonSerializer.Serialize(message, Options);

    public static List<HistoryEvent> DeserializeList(string json) =>
        JsonSerializer.Deserialize<List<HistoryEvent>>(json, Options) ?? [];

    public static HistoryEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Options) ?? throw new JsonException("A stored workflow message is empty.");
}
