using System.Text.Json;
using System.Text.Json.Nodes;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Http;

namespace O365Functions.Api.Aps.Http;

/// <summary>
/// Holds a resource body to its type in <see cref="ApsPackage"/>: every name must be a declared property, a relation
/// or <c>aps</c>; every value must have the declared shape and one of the declared values; required properties must
/// be present when provisioning. Read-only properties may come back (configure sends the full representation) and are
/// ignored. Each problem names its field and what to do.
/// </summary>
public static class ApsBodyValidator
{
    /// <summary>How many unknown properties are named one by one.</summary>
    private const int ListedUnknown = 5;

    /// <summary>The problems of <paramref name="body"/> as a resource of <paramref name="type"/>; empty when it is acceptable.</summary>
    public static List<ApsErrorDetail> Validate(JsonObject body, ApsType type, bool provisioning, int maxEchoed)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(type);
        var problems = new List<ApsErrorDetail>();
        var unknown = new List<string>();
        foreach (var (name, value) in body)
        {
            if (name == "aps")
            {
                if (value is not (null or JsonObject))
                {
                    problems.Add(new("InvalidApsObject", "aps", "The 'aps' property must be an object such as {\"id\": \"<uuid>\", \"type\": \"" + type.Id + "\"}."));
                }

                continue;
            }

            if (type.Relation(name) is not null)
            {
                if (value is not (null or JsonObject))
                {
                    problems.Add(new("InvalidLink", name, $"The link '{name}' must be an object such as {{\"aps\": {{\"id\": \"<uuid>\"}}}}."));
                }

                continue;
            }

            if (type.Property(name) is { } property)
            {
                CheckValue(property, value, name, problems, maxEchoed);
                continue;
            }

            unknown.Add(name);
        }

        AddUnknown(problems, unknown, string.Empty, $"{type.Service} ({type.Id})", type.Properties.Where(p => p.Access != ApsAccess.ReadOnly).Select(p => p.Name), maxEchoed);

        if (provisioning)
        {
            foreach (var property in type.Properties.Where(p => p.Required && p.Access != ApsAccess.ReadOnly))
            {
                if (body[property.Name] is null)
                {
                    problems.Add(new("MissingProperty", property.Name, $"'{property.Name}' is required: {property.Description}"));
                }
            }
        }

        return problems;
    }

    /// <summary>The problems of an operation's body.</summary>
    public static List<ApsErrorDetail> ValidateOperation(JsonObject body, ApsType type, ApsOperation operation, int maxEchoed)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(operation);
        var problems = new List<ApsErrorDetail>();
        if (operation.AcceptsAnyBody)
        {
            return problems;
        }

        CheckObject(operation.Body, body, string.Empty, problems, maxEchoed, $"{type.Service}/{operation.Path}");
        foreach (var property in operation.Body.Where(p => p.Required && body[p.Name] is null))
        {
            problems.Add(new("MissingProperty", property.Name, $"'{property.Name}' is required: {property.Description}"));
        }

        return problems;
    }

    private static void CheckValue(ApsProperty property, JsonNode? value, string field, List<ApsErrorDetail> problems, int maxEchoed)
    {
        if (value is null || property.Access == ApsAccess.ReadOnly)
        {
            return;
        }

        var kind = value.GetValueKind();
        switch (property.Kind)
        {
            case ApsPropertyKind.Text when kind == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (property.Values is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
                {
                    problems.Add(new("InvalidValue", field,
                        $"'{field}' is '{Echo.Bounded(text, maxEchoed)}'; use one of: {string.Join(", ", allowed)}."));
                }

                return;
            case ApsPropertyKind.WholeNumber when kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _):
            case ApsPropertyKind.Flag when kind is JsonValueKind.True or JsonValueKind.False:
                return;
            case ApsPropertyKind.TextList when value is JsonArray array:
                if (array.Any(item => item?.GetValueKind() != JsonValueKind.String))
                {
                    problems.Add(new("InvalidValue", field, $"'{field}' must be an array of strings."));
                }

                return;
            case ApsPropertyKind.Structure when value is JsonObject nested:
                CheckObject(property.Nested, nested, field + ".", problems, maxEchoed, field);
                return;
            case ApsPropertyKind.StructureList when value is JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject item)
                    {
                        CheckObject(property.Nested, item, $"{field}[{i}].", problems, maxEchoed, field);
                    }
                }

                return;
        }

        problems.Add(new("InvalidValue", field, $"'{field}' must be {Describe(property.Kind)}."));
    }

    private static void CheckObject(IReadOnlyList<ApsProperty> declared, JsonObject value, string prefix, List<ApsErrorDetail> problems, int maxEchoed, string owner)
    {
        var unknown = new List<string>();
        foreach (var (name, nested) in value)
        {
            var property = declared.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                unknown.Add(name);
                continue;
            }

            CheckValue(property, nested, prefix + name, problems, maxEchoed);
        }

        AddUnknown(problems, unknown, prefix, $"'{owner}'", declared.Select(p => p.Name), maxEchoed);
    }

    /// <summary>
    /// One problem for each of the first <see cref="ListedUnknown"/> unknown properties and one that counts the rest,
    /// with the declared properties named once: a body of many unknown keys gets a short answer.
    /// </summary>
    private static void AddUnknown(List<ApsErrorDetail> problems, List<string> unknown, string prefix, string owner, IEnumerable<string> declared, int maxEchoed)
    {
        for (var i = 0; i < Math.Min(unknown.Count, ListedUnknown); i++)
        {
            var name = Echo.Bounded(unknown[i], maxEchoed);
            problems.Add(new("UnknownProperty", prefix + name, i == 0
                ? $"'{name}' is not a property of {owner}. Send only the properties it declares: {string.Join(", ", declared)}."
                : $"'{name}' is not a property of {owner} either."));
        }

        if (unknown.Count > ListedUnknown)
        {
            problems.Add(new("UnknownProperty", prefix.Length > 0 ? prefix.TrimEnd('.') : "body",
                $"{unknown.Count - ListedUnknown} more properties are not properties of {owner}; they are not listed."));
        }
    }

    private static string Describe(ApsPropertyKind kind) => kind switch
    {
        ApsPropertyKind.Text => "a string",
        ApsPropertyKind.WholeNumber => "a whole number",
        ApsPropertyKind.Flag => "true or false",
        ApsPropertyKind.TextList => "an array of strings",
        ApsPropertyKind.Structure => "an object",
        _ => "an array of objects",
    };
}
