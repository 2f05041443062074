using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using O365Functions.Core.Telemetry;
using O365Functions.PartnerCenter.Auth;

namespace O365Functions.PartnerCenter.Http;

/// <summary>
/// Sends Partner Center calls with the behaviour Microsoft asks of clients: a bearer token, <c>MS-RequestId</c> and
/// <c>MS-CorrelationId</c> on every call, the per-tenant budget kept on the client, <c>Retry-After</c> honoured on
/// 429, and 408, 5xx, timeouts and dropped connections retried with exponential back-off and jitter under the same
/// request id. Other failures become <see cref="PartnerCenterException"/> at once.
/// </summary>
public sealed partial class PartnerCenterTransport
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly PartnerCenterOptions _options;
    private readonly IAccessTokenSource _tokens;
    private readonly System.Threading.RateLimiting.RateLimiter _limiter;
    private readonly MicrosoftRetry _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the transport; <paramref name="http"/> should have no timeout of its own (attempts are timed here).</summary>
    public PartnerCenterTransport(
        HttpClient http,
        PartnerCenterOptions options,
        IAccessTokenSource tokens,
        PartnerRateLimiters limiters,
        TimeProvider? time = null,
        ILogger<PartnerCenterTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(limiters);
        options.Validate();
        _http = http;
        _options = options;
        _tokens = tokens;
        _limiter = limiters.For(options.PartnerTenantId, options.RequestBudget, options.RateLimitWindow);
        _time = time ?? TimeProvider.System;
        _retry = new MicrosoftRetry(options.MaxAttempts, options.FirstRetryDelay, options.MaxRetryDelay, _time);
        _logger = logger ?? NullLogger<PartnerCenterTransport>.Instance;
    }

    /// <summary>Sends <paramref name="request"/>, retrying what <see cref="MicrosoftRetry"/> says is worth retrying, and returns the successful answer.</summary>
    public async Task<PartnerCenterResponse> SendAsync(PartnerCenterRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = GatewayTelemetry.Source.StartActivity($"Partner Center {request.Method.Method}");
        span?.SetTag("url.path", request.Path);
        span?.SetTag(GatewayTelemetry.Tags.MsRequestId, request.RequestId.ToString());
        span?.SetTag(GatewayTelemetry.Tags.MsCorrelationId, request.CorrelationId.ToString());
        var body = request.Body is null ? null : JsonSerializer.SerializeToUtf8Bytes(request.Body, PartnerCenterJson.Options);
        var refreshedToken = false;
        for (var attempt = 1; ; attempt++)
        {
            // The token first (it may take a call to Entra), then the permit, then the request at once: the budget
            // holds at the service only while a request arrives soon after its permit was taken.
            var token = await _tokens.GetTokenAsync(TokenAudiences.PartnerCenter, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var message = CreateMessage(request, body, token);
            using (var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
            {
                if (!lease.IsAcquired)
                {
                    throw new InvalidOperationException("The client-side Partner Center request budget refused a permit; its queue is full.");
                }
            }

            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_options.AttemptTimeout);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (MicrosoftRetry.IsLostConnection(exception, cancellationToken) && !request.RetryWhenOutcomeUnknown)
            {
                throw new PartnerCenterOutcomeUnknownException(
                    $"{request.Method} {request.Path} lost its connection or timed out (MS-RequestId {request.RequestId}); it may have taken effect.", exception);
            }
            catch (Exception exception) when (_retry.DelayAfter(exception, attempt, repeatWhenLost: true, cancellationToken) is { } backoff)
            {
                LogRetryingLostCall(exception, request.Method.Method, request.Path, request.RequestId, attempt);
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                Count(response.StatusCode);
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return new PartnerCenterResponse(response.StatusCode, text, Absolute(response.Headers.Location));
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshedToken)
                {
                    // An access token can be revoked before it expires; one fresh token decides whether access is gone.
                    _tokens.Forget(TokenAudiences.PartnerCenter);
                    refreshedToken = true;
                    continue;
                }

                if (_retry.DelayAfter(response, attempt) is not { } wait)
                {
                    span?.SetStatus(ActivityStatusCode.Error, $"HTTP {(int)response.StatusCode}");
                    throw Failure(request, response.StatusCode, text);
                }

                LogRetryingFailedCall((int)response.StatusCode, request.Method.Method, request.Path, request.RequestId, attempt, wait.TotalMilliseconds);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Count(HttpStatusCode status)
    {
        GatewayTelemetry.PartnerCenterCalls.Add(1, new KeyValuePair<string, object?>("http.response.status_code", (int)status));
        if (status == HttpStatusCode.TooManyRequests)
        {
            GatewayTelemetry.PartnerCenterThrottled.Add(1);
        }
    }

        /// <summary>Turns a failed answer into the typed exception, reading Partner Center's two error shapes.</summary>
    internal static PartnerCenterException Failure(PartnerCenterRequest request, HttpStatusCode status, string body)
    {
        string? code = null;
        var description = body.Length == 0 ? status.ToString() : body;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = Property(root, "code") is { } codeValue ? Text(codeValue) : null;
                description = (Property(root, "description") ?? Property(root, "message")) is { } text ? Text(text) ?? description : description;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a gateway's HTML error page, say): the body itself is the best description there is.
        }

        if (description.Length > 1024)
        {
            description = description[..1024];
        }

        return new PartnerCenterException(status, code, description, request.RequestId.ToString(), request.CorrelationId.ToString());
    }

    private HttpRequestMessage CreateMessage(PartnerCenterRequest request, byte[]? body, AccessToken token)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(_options.BaseUri, request.Path));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.Add("MS-RequestId", request.RequestId.ToString());
        message.Headers.Add("MS-CorrelationId", request.CorrelationId.ToString());
        message.Headers.Add("X-Locale", _options.Locale);
        if (request.IfMatch is { } etag)
        {
            // Partner Center hands out bare ETags and expects them quoted; a value already quoted (or weak) goes as is.
            var quoted = etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal) ? etag : $"\"{etag}\"";
            message.Headers.TryAddWithoutValidation("If-Match", quoted);
        }

        if (request.ContinuationToken is { } continuation)
        {
            message.Headers.TryAddWithoutValidation("MS-ContinuationToken", continuation);
        }

        if (body is not null)
        {
            message.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonMediaType } };
        }

        return message;
    }

    private Uri? Absolute(Uri? location) => location is null || location.IsAbsoluteUri ? location : new Uri(_options.BaseUri, location);

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner Center {Method} {Path} (request {RequestId}) lost its connection or timed out on attempt {Attempt}; retrying with the same request id.")]
    private partial void LogRetryingLostCall(Exception exception, string method, string path, Guid requestId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner Center answered {Status} to {Method} {Path} (request {RequestId}) on attempt {Attempt}; retrying in {DelayMs} ms with the same request id.")]
    private partial void LogRetryingFailedCall(int status, string method, string path, Guid requestId, int attempt, double delayMs);
}
