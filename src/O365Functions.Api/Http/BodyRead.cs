using Microsoft.AspNetCore.Http;

namespace O365Functions.Api.Http;

/// <summary>A request body as a handler may use it, or the answer to give instead when it could not be read.</summary>
/// <param name="Value">The body; meaningful only when <see cref="Error"/> is <see langword="null"/>.</param>
/// <param name="Error">The 4xx answer that names the limit or fault, when the body was refused.</param>
public readonly record struct BodyRead<T>(T? Value, IResult? Error)
{
    /// <summary>Whether the body was read and may be used.</summary>
    public bool IsValid => Error is null;
}
