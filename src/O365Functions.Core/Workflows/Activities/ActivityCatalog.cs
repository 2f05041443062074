using System.Reflection;

namespace O365Functions.Core.Workflows.Activities;

/// <summary>Every activity class of an assembly, found once by its base type, in name order.</summary>
public static class ActivityCatalog
{
    /// <summary>The activities declared in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<IActivityDefinition> In(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false } && ActivityBase(type) is not null)
            .Select(type => (IActivityDefinition)ActivityBase(type)!.GetProperty("Ref", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .OrderBy(activity => activity.Name, StringComparer.Ordinal)];
    }

    private static Type? ActivityBase(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(Activity<,,>))
            {
                return current;
            }
        }

        return null;
    }
}
