using System.Text.Json;

namespace O365Functions.Core.Workflows;

/// <summary>
/// The one JSON shape for workflow inputs, outputs, events and custom status, so that values written by one host
/// read back in the other. Web defaults: camelCase names, case-insensitive reading.
/// </summary>
public static class WorkflowJson
{
    /// <summary>The serializer options every workflow payload uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The value as JSON; null stays null.</summary>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>The JSON as <typeparamref name="T"/>; null or empty JSON gives the default.</summary>
    public static T? Deserialize<T>(string? json) =>
        string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);
}
