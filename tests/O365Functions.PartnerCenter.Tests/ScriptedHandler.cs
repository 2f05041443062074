using System.Net;
using System.Text;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>Answers each request with the next scripted answer and keeps a copy of what was sent, since the transport disposes its messages.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();

    public List<SentRequest> Sent { get; } = [];

    public void Answer(HttpStatusCode status, string body, string? location = null, TimeSpan? retryAfter = null) =>
        _answers.Enqueue(() =>
        {
            var answer = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (location is not null)
            {
                answer.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
            }

            if (retryAfter is { } delay)
            {
                answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
            }

            return answer;
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Sent)
        {
            Sent.Add(new SentRequest(request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body));
            return _answers.Dequeue()();
        }
    }
}

internal sealed record SentRequest(Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
