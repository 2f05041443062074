using System.Net;
using System.Text.Json;

namespace O365Functions.PartnerCenter.Http;

/// <summary>A successful Partner Center answer, read in full.</summary>
public sealed record PartnerCenterResponse(HttpStatusCode StatusCode, string Body, Uri? Location)
{
    /// <summary>The body as <typeparamref name="T"/>; throws when the body is empty or not that shape.</summary>
    public T ReadAs<T>() =>
        JsonSerializer.Deserialize<T>(Body, PartnerCenterJson.Options)
        ?? throw new JsonException($"Partner Center answered {(int)StatusCode} with an empty body where a {typeof(T).Name} was expected.");
}
