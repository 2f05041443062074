using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using O365Functions.Emulators.Entra;
using O365Functions.Emulators.Graph;
using O365Functions.Emulators.PartnerCenter;

namespace O365Functions.Emulators.Faults;

/// <summary>
/// What stands between a caller and the emulated services, in the order the services apply it. Partner Center calls
/// meet bearer authentication, the throttling budget (429 with <c>Retry-After</c>), injected faults, a body that is
/// not <c>application/json</c> (415), and replay of a write whose <c>MS-RequestId</c> was seen before (the original
/// answer, without doing the action again). Graph calls meet their own injected faults, in Graph's error shape; Graph
/// checks its tokens itself.
/// </summary>
internal sealed class ServiceConduct(MicrosoftEmulatorOptions options, EmulatorClock clock, TokenIssuer tokens, CallLedger ledger)
{
    private readonly Queue<DateTimeOffset> _admitted = new();
    private readonly Lock _budgetGate = new();
    private readonly ConcurrentDictionary<string, RecordedResponse> _replies = new(StringComparer.Ordinal);
    private readonly Random _dice = new(options.FaultSeed);
    private readonly Lock _diceGate = new();
    private readonly ConcurrentQueue<(string Method, string PathPart)> _dropsAfterAction = new();

    /// <summary>Drops the connection after the action of the next Partner Center or Graph call with this method whose path contains <paramref name="pathPart"/>.</summary>
    public void DropAfterActionOnce(string method, string pathPart) => _dropsAfterAction.Enqueue((method, pathPart));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? string.Empty;
        ledger.Count($"{context.Request.Method} {endpoint}");
        if (options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(options.Latency, context.RequestAborted);
        }

        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/graph/", StringComparison.OrdinalIgnoreCase))
        {
            await GraphAsync(context, next);
            return;
        }

        if (!path.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) && !path.StartsWith("/webhooks/", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        EchoIds(context);
        ledger.CountCorrelated(context.Request.Headers["MS-CorrelationId"].ToString());
        var bearer = context.Request.Headers.Authorization.ToString();
        if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal) || tokens.Validate(bearer["Bearer ".Length..]) is null)
        {
            context.Response.Headers.WWWAuthenticate = $"OAuth realm=\"urn:cpsvc:cpid:{options.PartnerTenantId}\"";
            await PartnerCenterEndpoints.Error(401, 400, "Access denied: the bearer token is missing, unknown or expired.").ExecuteAsync(context);
            return;
        }

        if (SpendBudget() is { } wait)
        {
            ledger.CountThrottled();
            await Throttle(context, (int)Math.Ceiling(wait.TotalSeconds));
            return;
        }

        var fault = RollFault(options.FaultRate);
        switch (fault)
        {
            case EmulatedFault.Throttled:
                ledger.CountFault();
                await Throttle(context, options.RetryAfterSeconds);
                return;
            case EmulatedFault.ServiceUnavailable or EmulatedFault.InternalServerError:
                ledger.CountFault();
                await PartnerCenterEndpoints.Error(fault == EmulatedFault.ServiceUnavailable ? 503 : 500, 500, "Injected by the emulator.").ExecuteAsync(context);
                return;
        }

        if (DropChosen(context.Request.Method, path))
        {
            fault = EmulatedFault.ConnectionDroppedAfterAction;
        }

        if (HasBody(context.Request) && !IsJson(context.Request.ContentType))
        {
            await PartnerCenterEndpoints.Error(415, 415, $"The body must be sent as application/json, not '{context.Request.ContentType}'.").ExecuteAsync(context);
            return;
        }

        // Partner Center documents MS-RequestId as the key that makes a repeated create harmless; it documents no such
        // thing for PATCH, so a repeated PATCH is carried out again.
        var replayKey = IsReplayable(context.Request.Method) && context.Request.Headers["MS-RequestId"].ToString() is { Length: > 0 } requestId
            ? $"{requestId}|{context.Request.Method}|{path}"
            : null;
        if (replayKey is not null && _replies.TryGetValue(replayKey, out var recorded))
        {
            ledger.CountReplay();
            await Replay(context, recorded);
            return;
        }

        await ActAsync(context, next, fault == EmulatedFault.ConnectionDroppedAfterAction, replayKey);
    }

    private async Task GraphAsync(HttpContext context, RequestDelegate next)
    {
        var fault = RollFault(options.GraphFaultRate);
        switch (fault)
        {
            case EmulatedFault.Throttled:
                ledger.CountFault();
                var seconds = SetRetryAfter(context, options.RetryAfterSeconds);
                await GraphEndpoints.Error(429, "TooManyRequests", $"Too many requests. Retry after {seconds} seconds.").ExecuteAsync(context);
                return;
            case EmulatedFault.ServiceUnavailable:
                ledger.CountFault();
                await GraphEndpoints.Error(503, "serviceNotAvailable", "Injected by the emulator.").ExecuteAsync(context);
                return;
            case EmulatedFault.InternalServerError:
                ledger.CountFault();
                await GraphEndpoints.Error(500, "generalException", "Injected by the emulator.").ExecuteAsync(context);
                return;
        }

        var bearer = context.Request.Headers.Authorization.ToString();
        if (options.TenantsWithoutAdminRoles.Count > 0 && bearer.StartsWith("Bearer ", StringComparison.Ordinal)
            && tokens.Validate(bearer["Bearer ".Length..]) is { } token && options.TenantsWithoutAdminRoles.Contains(token.TenantId))
        {
            await GraphEndpoints.Error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.").ExecuteAsync(context);
            return;
        }

        await ActAsync(context, next, fault == EmulatedFault.ConnectionDroppedAfterAction || DropChosen(context.Request.Method, context.Request.Path.Value ?? string.Empty), replayKey: null);
    }

    /// <summary>Whether this call is the one a test chose to lose the answer of (and consumes the choice).</summary>
    private bool DropChosen(string method, string path) =>
        _dropsAfterAction.TryPeek(out var drop)
        && string.Equals(drop.Method, method, StringComparison.OrdinalIgnoreCase)
        && path.Contains(drop.PathPart, StringComparison.OrdinalIgnoreCase)
        && _dropsAfterAction.TryDequeue(out _);

    /// <summary>
    /// Runs the endpoint with its answer held back, keeps the answer for replay under <paramref name="replayKey"/>
    /// when there is one, then sends it or, when <paramref name="dropAfterAction"/>, drops the connection instead.
    /// </summary>
    private async Task ActAsync(HttpContext context, RequestDelegate next, bool dropAfterAction, string? replayKey)
    {
        if (!dropAfterAction && replayKey is null)
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (replayKey is not null)
        {
            _replies[replayKey] = new RecordedResponse(
                context.Response.StatusCode, context.Response.ContentType, buffer.ToArray(), context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null);
        }

        if (dropAfterAction)
        {
            ledger.CountFault();
            context.Abort();
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Admits a request under the budget, or says how long until the oldest admitted one leaves the window.</summary>
    private TimeSpan? SpendBudget()
    {
        if (options.ThrottleBudget is not { } budget)
        {
            return null;
        }

        lock (_budgetGate)
        {
            var now = clock.GetUtcNow();
            while (_admitted.TryPeek(out var oldest) && now - oldest >= options.ThrottleWindow)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count >= budget)
            {
                return options.ThrottleWindow - (now - _admitted.Peek());
            }

            _admitted.Enqueue(now);
            return null;
        }
    }

    private EmulatedFault RollFault(double rate)
    {
        if (rate <= 0)
        {
            return EmulatedFault.None;
        }

        var kinds = Enum.GetValues<EmulatedFault>().Where(kind => kind != EmulatedFault.None && options.FaultKinds.HasFlag(kind)).ToArray();
        lock (_diceGate)
        {
            return kinds.Length > 0 && _dice.NextDouble() < rate ? kinds[_dice.Next(kinds.Length)] : EmulatedFault.None;
        }
    }

    private static async Task Throttle(HttpContext context, int retryAfterSeconds)
    {
        var seconds = SetRetryAfter(context, retryAfterSeconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.Response.WriteAsJsonAsync(new { statusCode = 429, message = $"Rate limit is exceeded. Try again in {seconds} seconds." });
    }

    /// <summary>Sets <c>Retry-After</c> to at least one second, as both services do, and returns the seconds set.</summary>
    private static int SetRetryAfter(HttpContext context, int retryAfterSeconds)
    {
        var seconds = Math.Max(1, retryAfterSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }

    private static async Task Replay(HttpContext context, RecordedResponse recorded)
    {
        context.Response.StatusCode = recorded.StatusCode;
        context.Response.ContentType = recorded.ContentType;
        if (recorded.Location is not null)
        {
            context.Response.Headers.Location = recorded.Location;
        }

        await context.Response.Body.WriteAsync(recorded.Body, context.RequestAborted);
    }

    private static void EchoIds(HttpContext context)
    {
        foreach (var header in new[] { "MS-RequestId", "MS-CorrelationId" })
        {
            if (context.Request.Headers[header].ToString() is { Length: > 0 } value)
            {
                context.Response.Headers[header] = value;
            }
        }
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && string.Equals(type.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);

    private static bool IsReplayable(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);
}
