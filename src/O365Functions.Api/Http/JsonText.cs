using System.Text.Json.Nodes;

namespace O365Functions.Api.Http;

/// <summary>
/// Finds text in a parsed JSON body that cannot become a .NET string: invalid UTF-8, or a lone UTF-16 surrogate
/// written as an escape (<c>"\uD800"</c>). The parser accepts both, and reading such a value later throws, so bodies are
/// checked once, before anything reads them, and refused naming the property.
/// </summary>
public static class JsonText
{
    /// <summary>The path of the first property name or string value that is not valid text, or null when all are.</summary>
    public static string? FirstInvalid(JsonNode? node) => FirstInvalid(node, "$");

    private static string? FirstInvalid(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject value:
                var index = 0;
                try
                {
                    foreach (var (name, child) in value)
                    {
                        if (FirstInvalid(child, $"{path}.{name}") is { } found)
                        {
                            return found;
                        }

                        index++;
                    }
                }
                catch (InvalidOperationException)
                {
                    // The property name itself could not be read.
                    return $"{path}.<property {index + 1}>";
                }

                return null;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (FirstInvalid(items[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue scalar when scalar.GetValueKind() == System.Text.Json.JsonValueKind.String:
                try
                {
                    _ = scalar.GetValue<string>();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path;
                }

            default:
                return null;
        }
    }
}
