using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace O365Functions.PartnerCenter.Http;

/// <summary>
/// Partner Center's JSON: camelCase out, any casing in (the service and its SDK disagree on casing), enums as
/// lower-case words joined by underscores, unknown enum values read as the enum's first member instead of failing.
/// </summary>
public static class PartnerCenterJson
{
    /// <summary>The options every request and response uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new TolerantEnumConverterFactory() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitUnknownEnums } },
    };

    /// <summary>
    /// Request bodies carry only what the caller set: an enum property still at its <c>Unknown</c> member (the value
    /// a model holds when nobody set it, or when Microsoft sent a value this client does not know) is not written,
    /// since Partner Center would read <c>"unknown"</c> as a value and refuse or, worse, act on it.
    /// </summary>
    private static void OmitUnknownEnums(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (enumType.IsEnum && Enum.GetNames(enumType).FirstOrDefault() == "Unknown")
            {
                var unknown = Enum.ToObject(enumType, 0);
                property.ShouldSerialize = (_, value) => value is not null && !value.Equals(unknown);
            }
        }
    }
}
