using Microsoft.AspNetCore.Http;

namespace O365Functions.Api.Aps;

/// <summary>Builds APS error responses, so every handler answers errors in the same shape.</summary>
public static class ApsResults
{
    /// <summary>A 400 for a request whose content is wrong; nothing was started or changed.</summary>
    public static IResult BadRequest(string error, string message, IReadOnlyList<ApsErrorDetail>? details = null) =>
        Error(StatusCodes.Status400BadRequest, error, message, details);

    /// <summary>An error response with the given status.</summary>
    public static IResult Error(int status, string error, string message, IReadOnlyList<ApsErrorDetail>? details = null) =>
        Results.Json(new ApsError(status, error, message) { Details = details }, GatewayJson.Options, statusCode: status);
}
