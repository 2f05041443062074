namespace O365Functions.Api.Aps;

/// <summary>
/// The error body APS controllers show to providers and customers: <c>code</c> (the HTTP status), <c>error</c> (a
/// stable error name) and <c>message</c> (what was wrong and what to do). <c>details</c> carries one entry per
/// problem where a request had several.
/// </summary>
/// <param name="Code">The HTTP status code, repeated in the body as APS runtimes do.</param>
/// <param name="Error">A stable, machine-readable error name.</param>
/// <param name="Message">A sentence a person can act on.</param>
public sealed record ApsError(int Code, string Error, string Message)
{
    /// <summary>Per-problem details, when there is more than one thing to say.</summary>
    public IReadOnlyList<ApsErrorDetail>? Details { get; init; }
}
