using System.Text.Json;
using System.Text.Json.Serialization;

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
    };
}
