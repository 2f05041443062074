using System.Text.Json;
using System.Text.Json.Serialization;

namespace O365Functions.PartnerCenter.Http;

/// <summary>
/// Reads a value documented as text that Partner Center sometimes sends as a number, an object or an array (an upgrade
/// error's <c>additionalDetails</c>): text as it is, anything else as its JSON, so the answer around it is never lost.
/// </summary>
public sealed class AnyJsonAsTextConverter : JsonConverter<string?>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            default:
                using (var value = JsonDocument.ParseValue(ref reader))
                {
                    return value.RootElement.GetRawText();
                }
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
