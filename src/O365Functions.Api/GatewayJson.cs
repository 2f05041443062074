using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace O365Functions.Api;

/// <summary>
/// The JSON conventions of the gateway's HTTP surface: camelCase properties, case-insensitive reading, enums as
/// camelCase strings, nulls left out. APS resources and our own endpoints share them.
/// </summary>
public static class GatewayJson
{
    /// <summary>The shared serializer options. Do not mutate.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // Responses are application/json, never embedded in HTML; quotes and angle brackets stay readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
