using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using O365Functions.Core.State;

namespace O365Functions.Storage.Entities;

/// <summary>
/// Reads and writes entity properties in Table Storage's OData JSON form: types JSON cannot tell apart (Int64,
/// Double, DateTime, Guid, Binary) carry an <c>@odata.type</c> annotation. Table Storage speaks it on the wire and
/// SQLite stores it, so both stores give back exactly the types that were written.
/// </summary>
internal static class ODataEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const int AnnotationBuffer = 128;

    /// <summary>
    /// Options for writers of stored entities: only what JSON itself requires is escaped. The stored text is never
    /// placed in HTML, and history (JSON inside a string) would otherwise grow sixfold at every quote.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the entity's properties as one JSON object to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, StoredEntity entity)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entity.Properties)
        {
            WriteProperty(writer, name, value);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Reads the properties of <paramref name="json"/> into <paramref name="entity"/>, skipping keys and OData metadata.</summary>
    public static void ReadProperties(JsonElement json, StoredEntity entity)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (property.NameEquals("PartitionKey") || property.NameEquals("RowKey") || property.NameEquals("Timestamp"))
            {
                continue;
            }

            var name = property.Name;
            if (name.EndsWith(TypeSuffix, StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            entity[name] = ReadValue(name, property.Value, TypeOf(json, name));
        }
    }

    /// <summary>The <c>name@odata.type</c> annotation of a property, if it has one.</summary>
    private static string? TypeOf(JsonElement json, string name) =>
        json.TryGetProperty(AnnotationName(name, stackalloc char[AnnotationBuffer]), out var type) ? type.GetString() : null;

    /// <summary>
    /// <c>name@odata.type</c> in <paramref name="buffer"/> (a new array when it is too short), so that no string is built
    /// for a name used once.
    /// </summary>
    private static ReadOnlySpan<char> AnnotationName(string name, Span<char> buffer)
    {
        var length = name.Length + TypeSuffix.Length;
        var annotation = length <= buffer.Length ? buffer[..length] : new char[length];
        name.CopyTo(annotation);
        TypeSuffix.CopyTo(annotation[name.Length..]);
        return annotation;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                WriteType(writer, name, "Edm.Int64");
                Span<char> digits = stackalloc char[20];
                l.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
                writer.WriteString(name, digits[..length]);
                break;
            case double d:
                WriteType(writer, name, "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, d.ToString(CultureInfo.InvariantCulture) switch { "∞" => "Infinity", "-∞" => "-Infinity", var x => x });
                }

                break;
            case DateTimeOffset d:
                WriteType(writer, name, "Edm.DateTime");
                Span<char> date = stackalloc char[DateFormat.Length];
                d.UtcDateTime.TryFormat(date, out var written, DateFormat, CultureInfo.InvariantCulture);
                writer.WriteString(name, date[..written]);
                break;
            case Guid g:
                WriteType(writer, name, "Edm.Guid");
                writer.WriteString(name, g);
                break;
            case byte[] bytes:
                WriteType(writer, name, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new EntityStoreException(EntityStoreError.InvalidInput, $"Property '{name}' has an unsupported type {value.GetType().Name}.");
        }
    }

    private static void WriteType(Utf8JsonWriter writer, string name, string type) =>
        writer.WriteString(AnnotationName(name, stackalloc char[AnnotationBuffer]), type);

    private static object? ReadValue(string name, JsonElement value, string? type) => type switch
    {
        "Edm.Int64" => value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64(),
        "Edm.Int32" => value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? ParseDouble(value.GetString()!) : value.GetDouble(),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" or null => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetInt32(out var i) ? (object)i : value.GetDouble(),
            JsonValueKind.Null => null,
            _ => throw new EntityStoreException(EntityStoreError.Unavailable, $"Property '{name}' has an unreadable value of kind {value.ValueKind}."),
        },
        _ => throw new EntityStoreException(EntityStoreError.Unavailable, $"Property '{name}' has an unknown type '{type}'."),
    };

    private static double ParseDouble(string text) => text switch
    {
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
