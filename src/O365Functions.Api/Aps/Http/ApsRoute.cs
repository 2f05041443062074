namespace O365Functions.Api.Aps.Http;

/// <summary>
/// The parts of a path under <c>/aps/</c>, in the order APS runtimes read them: service, resource id, then a relation
/// or operation path and a linked resource id.
/// </summary>
/// <param name="Service">The service id.</param>
/// <param name="ResourceId">The resource, when the path names one.</param>
/// <param name="Member">A relation or custom operation after the resource id.</param>
/// <param name="LinkedId">The linked resource of an unlink notification.</param>
public sealed record ApsRoute(string Service, string? ResourceId, string? Member, string? LinkedId)
{
    /// <summary>Splits <paramref name="path"/> (what follows <c>/aps/</c>); null when it has no service or too many segments.</summary>
    public static ApsRoute? Parse(string? path)
    {
        var segments = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length switch
        {
            1 => new ApsRoute(segments[0], null, null, null),
            2 => new ApsRoute(segments[0], segments[1], null, null),
            3 => new ApsRoute(segments[0], segments[1], segments[2], null),
            4 => new ApsRoute(segments[0], segments[1], segments[2], segments[3]),
            _ => null,
        };
    }
}
