using System.Buffers;
using System.Globalization;
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

    /// <summary>The entity's properties as a JSON object.</summary>
    public static byte[] Serialize(StoredEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in entity.Properties)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the properties of <paramref name="json"/> into <paramref name="entity"/>, skipping keys and OData metadata.</summary>
    public static void ReadProperties(JsonElement json, StoredEntity entity)
    {
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name.EndsWith(TypeSuffix, StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal) ||
                name is "PartitionKey" or "RowKey" or "Timestamp")
            {
                continue;
            }

            var type = json.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            entity[name] = ReadValue(name, property.Value, type);
        }
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
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                writer.WriteString(name + TypeSuffix, "Edm.Double");
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
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                writer.WriteString(name, d.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new EntityStoreException(EntityStoreError.InvalidInput, $"Property '{name}' has an unsupported type {value.GetType().Name}.");
        }
    }

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
