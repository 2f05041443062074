using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace O365Functions.PartnerCenter.Http;

/// <summary>
/// Reads enums whatever their casing or separators (<c>one_time</c>, <c>OneTime</c>, <c>oneTime</c>) or as numbers,
/// and maps values it does not know to the enum's first member (by convention <c>Unknown</c>): Microsoft adds values
/// without notice, and one new status must not make a whole response unreadable. Writes <c>lower_snake_case</c>.
/// </summary>
internal sealed class TolerantEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(TolerantEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class TolerantEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly ConcurrentDictionary<string, T> ByKey = new(
            Enum.GetValues<T>().Select(value => KeyValuePair.Create(Key(value.ToString()), value)),
            StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
            {
                var candidate = (T)Enum.ToObject(typeof(T), number);
                return Enum.IsDefined(candidate) ? candidate : default;
            }

            if (reader.TokenType == JsonTokenType.String && ByKey.TryGetValue(Key(reader.GetString() ?? string.Empty), out var value))
            {
                return value;
            }

            return default;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(SnakeCase(value.ToString()));

        private static string Key(string text)
        {
            var key = new StringBuilder(text.Length);
            foreach (var character in text)
            {
                if (char.IsLetterOrDigit(character))
                {
                    key.Append(char.ToLowerInvariant(character));
                }
            }

            return key.ToString();
        }

        private static string SnakeCase(string name)
        {
            var text = new StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                if (i > 0 && char.IsUpper(name[i]))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(name[i]));
            }

            return text.ToString();
        }
    }
}
