using Microsoft.AspNetCore.Http;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// The answer for a valid request whose work this release cannot do yet: 501, saying that nothing was started or
/// stored. The controller fails the task instead of taking it for done.
/// </summary>
internal static class NotYetAvailable
{
    public static IResult For(string what) => ApsResults.Error(StatusCodes.Status501NotImplemented, "NotImplemented",
        $"The request is valid, but {what} is not available in this release of the gateway; nothing was started or stored. Retry the task after upgrading.");
}
