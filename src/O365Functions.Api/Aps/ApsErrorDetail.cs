namespace O365Functions.Api.Aps;

/// <summary>One problem inside an <see cref="ApsError"/>.</summary>
/// <param name="Error">A stable name of the problem.</param>
/// <param name="Field">The property or key the problem is about.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ApsErrorDetail(string Error, string Field, string Message)
{
    /// <summary>Offers the problem names, such as missing ancestors or the members of a loop.</summary>
    public IReadOnlyList<string>? Offers { get; init; }
}
