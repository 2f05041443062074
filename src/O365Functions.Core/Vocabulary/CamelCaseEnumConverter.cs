using System.Text.Json;
using System.Text.Json.Serialization;

namespace O365Functions.Core.Vocabulary;

/// <summary>
/// Writes an enum as its camelCase name and reads any casing of it, whatever serializer options are in force: records,
/// workflow histories on both engines and APS bodies all carry the same words the gateway wrote as strings before.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
