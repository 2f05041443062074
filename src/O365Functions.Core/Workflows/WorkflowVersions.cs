namespace O365Functions.Core.Workflows;

/// <summary>
/// The versions of the gateway's workflows. Every new instance is stamped with <see cref="Current"/> when it is created
/// (on Azure by Durable Functions' <c>defaultVersion</c> in <c>host.json</c>, locally by the embedded runtime) and keeps
/// it for life; the workflow reads it (<see cref="IWorkflowContext.Version"/>) and takes only the steps its version
/// had, so an instance waiting for days across a release replays exactly the steps it took. A release that adds a step
/// adds a version here, makes it <see cref="Current"/>, and runs the step only <c>when context.IsAtLeast(thatVersion)</c>;
/// nothing is removed while instances of an older version may exist. Versions compare as <see cref="System.Version"/>;
/// an instance created before versioning has none and is <see cref="First"/>.
/// </summary>
public static class WorkflowVersions
{
    /// <summary>The workflows as they were before versioning existed.</summary>
    public const string First = "1.0";

    /// <summary>
    /// CloudBlue Commerce: <c>ProvisionTenant</c> subscribes the tenant to its limit changes and notifies the customer,
    /// <c>ChangeTenant</c> follows limits, schedules reductions for the renewal, alerts operators and unsubscribes on
    /// removal, <c>ManageDomain</c> notifies the customer of the records to publish.
    /// </summary>
    public const string Commerce = "2.0";

    /// <summary>The version new instances get.</summary>
    public const string Current = Commerce;

    /// <summary>
    /// Compares two versions as Durable Task does: an empty one is older than any other, two that parse as
    /// <see cref="System.Version"/> compare as such, anything else compares as text, ignoring case.
    /// </summary>
    public static int Compare(string? version, string? other)
    {
        var (empty, otherEmpty) = (string.IsNullOrEmpty(version), string.IsNullOrEmpty(other));
        if (empty || otherEmpty)
        {
            return empty == otherEmpty ? 0 : empty ? -1 : 1;
        }

        return System.Version.TryParse(version, out var left) && System.Version.TryParse(other, out var right)
            ? left.CompareTo(right)
            : string.Compare(version, other, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the instance was created at <paramref name="version"/> or later, so it takes that version's steps.</summary>
    public static bool IsAtLeast(this IWorkflowContext context, string version)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Compare(string.IsNullOrEmpty(context.Version) ? First : context.Version, version) >= 0;
    }
}
