using Microsoft.AspNetCore.Http;
using O365Functions.Api.Http;

namespace O365Functions.Api.Aps;

/// <summary>Builds APS error responses, so every handler answers errors in the same shape and within the same bounds.</summary>
public static class ApsResults
{
    private const int SummarizedProblems = 3;

    /// <summary>A 400 for a request whose content is wrong; nothing was started or changed.</summary>
    public static IResult BadRequest(string error, string message) => Error(StatusCodes.Status400BadRequest, error, message);

    /// <summary>An error response with the given status.</summary>
    public static IResult Error(int status, string error, string message) =>
        Results.Json(new ApsError(status, error, message), GatewayJson.Options, statusCode: status);

    /// <summary>
    /// A 400 for a request with one or more <paramref name="problems"/>: the message summarizes the first few, and
    /// <c>details</c> lists at most <see cref="GatewayLimits.MaxErrorDetails"/> of them, so that an error body stays
    /// small however many problems a request has.
    /// </summary>
    public static IResult Problems(string error, IReadOnlyList<ApsErrorDetail> problems, GatewayLimits limits)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(limits);
        var listed = problems.Take(limits.MaxErrorDetails).ToList();
        var message = problems.Count switch
        {
            1 => problems[0].Message,
            _ => $"The request has {problems.Count} problems. {string.Join(" ", problems.Take(SummarizedProblems).Select(p => p.Message))}"
                 + (problems.Count > SummarizedProblems ? $" See details for more{(problems.Count > listed.Count ? $"; {problems.Count - listed.Count} are not listed" : string.Empty)}." : string.Empty),
        };
        return Results.Json(
            new ApsError(StatusCodes.Status400BadRequest, error, message) { Details = listed },
            GatewayJson.Options,
            statusCode: StatusCodes.Status400BadRequest);
    }
}
