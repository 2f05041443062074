using System.Collections.Concurrent;
using System.Text.Json;

namespace O365Functions.Core.Vocabulary;

/// <summary>The word an enum value is written as on the wire and in records (camelCase), for text built by hand.</summary>
public static class Wire
{
    private static readonly ConcurrentDictionary<Enum, string> Words = new();

    /// <summary>The camelCase word of <paramref name="value"/>, as <see cref="CamelCaseEnumConverter{TEnum}"/> writes it.</summary>
    public static string Word<TEnum>(this TEnum value)
        where TEnum : struct, Enum =>
        Words.GetOrAdd(value, static v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));
}
