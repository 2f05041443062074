using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using O365Functions.Core.Telemetry;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>
/// The transport on its own, against a handler that records what was sent and answers from a script: what goes on
/// the wire with every call, and what is made of the answer. The emulator is lenient where Partner Center may not be
/// (it reads a request without <c>Accept</c> or <c>MS-CorrelationId</c>), so these are checked here.
/// </summary>
public sealed class PartnerCenterTransportTests : IDisposable
{
    private static readonly Uri BaseUri = new("https://api.partnercenter.example/");
    private readonly ScriptedHandler _handler = new();
    private readonly PartnerRateLimiters _limiters = new();
    private readonly PartnerCenterOptions _options = new()
    {
        BaseUri = BaseUri,
        PartnerTenantId = "partner-tenant",
        Locale = "de-DE",
        FirstRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMinutes(1),
        MaxAttempts = 3,
    };

    [Fact]
    public async Task Every_call_carries_the_bearer_token_its_two_ids_the_locale_and_asks_for_JSON_in_JSON()
    {
        _handler.Answer(HttpStatusCode.Created, """{"id":"c1"}""");
        var request = new PartnerCenterRequest(HttpMethod.Post, "v1/customers") { Body = new { CompanyName = "Contoso" } };

        var answer = await Transport().SendAsync(request);

        var sent = Assert.Single(_handler.Sent);
        Assert.Equal((HttpStatusCode.Created, """{"id":"c1"}"""), (answer.StatusCode, answer.Body));
        Assert.Equal(new Uri(BaseUri, "v1/customers"), sent.Uri);
        Assert.Equal("Bearer token-for-", sent.Header("Authorization"));
        Assert.Equal("application/json", sent.Header("Accept"));
        Assert.Equal(request.RequestId.ToString(), sent.Header("MS-RequestId"));
        Assert.Equal(request.CorrelationId.ToString(), sent.Header("MS-CorrelationId"));
        Assert.Equal("de-DE", sent.Header("X-Locale"));
        Assert.Equal("application/json; charset=utf-8", sent.ContentType);
        Assert.Equal("""{"companyName":"Contoso"}""", sent.Body);
    }

    [Theory]
    [InlineData("e1", "\"e1\"")]
    [InlineData("\"e1\"", "\"e1\"")]
    [InlineData("W/\"e1\"", "W/\"e1\"")]
    public async Task A_bare_ETag_is_sent_quoted_and_a_quoted_or_weak_one_as_it_is(string etag, string sent)
    {
        _handler.Answer(HttpStatusCode.OK, "{}");

        await Transport().SendAsync(new PartnerCenterRequest(HttpMethod.Patch, "v1/customers/c1/subscriptions/s1") { IfMatch = etag });

        Assert.Equal(sent, Assert.Single(_handler.Sent).Header("If-Match"));
    }

    [Fact]
    public async Task A_continuation_token_is_sent_as_MS_ContinuationToken_and_a_call_without_a_body_has_no_content()
    {
        _handler.Answer(HttpStatusCode.OK, "{}");

        await Transport().SendAsync(new PartnerCenterRequest(HttpMethod.Get, "v1/customers?seekOperation=Next") { ContinuationToken = "page-2" });

        var sent = Assert.Single(_handler.Sent);
        Assert.Equal("page-2", sent.Header("MS-ContinuationToken"));
        Assert.Null(sent.ContentType);
        Assert.Null(sent.Header("If-Match"));
    }

    [Theory]
    [InlineData("v1/customers/c1/subscriptions/s1", "https://api.partnercenter.example/v1/customers/c1/subscriptions/s1")]
    [InlineData("/v1/customers/c1/subscriptions/s1", "https://api.partnercenter.example/v1/customers/c1/subscriptions/s1")]
    [InlineData("https://elsewhere.example/v1/operations/7", "https://elsewhere.example/v1/operations/7")]
    public async Task A_Location_is_read_against_the_base_address_unless_it_is_absolute(string location, string expected)
    {
        _handler.Answer(HttpStatusCode.Accepted, "{}", location: location);

        var answer = await Transport().SendAsync(new PartnerCenterRequest(HttpMethod.Patch, "v1/customers/c1/subscriptions/s1"));

        Assert.Equal(new Uri(expected), answer.Location);
    }

    [Fact]
    public async Task A_429_is_waited_out_on_the_clock_the_transport_was_given()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var started = clock.GetUtcNow();
        _handler.Answer(HttpStatusCode.TooManyRequests, "{}", retryAfter: TimeSpan.FromSeconds(30));
        _handler.Answer(HttpStatusCode.OK, "{}");

        var call = Transport(clock).SendAsync(new PartnerCenterRequest(HttpMethod.Get, "v1/customers/c1"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!call.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        Assert.True(call.IsCompleted, "The call still waited 20 s later, though its clock had moved on far past the 30 s asked for.");
        Assert.Equal(HttpStatusCode.OK, (await call).StatusCode);
        Assert.InRange(clock.GetUtcNow() - started, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_when_the_transport_is_made()
    {
        _options.OperationPollTimeout = TimeSpan.FromSeconds(1);
        _options.OperationPollInterval = TimeSpan.FromSeconds(5);

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => Transport());

        Assert.Equal(nameof(PartnerCenterOptions.OperationPollTimeout), refused.ParamName);
    }

    [Fact]
    public async Task An_answer_with_neither_error_shape_is_reported_by_its_status_name_and_a_long_one_is_cut()
    {
        _handler.Answer(HttpStatusCode.BadGateway, string.Empty);
        _handler.Answer(HttpStatusCode.Forbidden, new string('x', 3000));
        _options.MaxAttempts = 1;
        var transport = Transport();

        var empty = await Assert.ThrowsAsync<PartnerCenterException>(() => transport.SendAsync(new PartnerCenterRequest(HttpMethod.Get, "v1/a")));
        var cut = await Assert.ThrowsAsync<PartnerCenterException>(() => transport.SendAsync(new PartnerCenterRequest(HttpMethod.Get, "v1/b")));

        Assert.Equal((HttpStatusCode.BadGateway, "BadGateway"), (empty.StatusCode, empty.Description));
        Assert.Equal((HttpStatusCode.Forbidden, new string('x', 1024)), (cut.StatusCode, cut.Description));
    }

    public void Dispose()
    {
        _limiters.Dispose();
        _handler.Dispose();
    }

    private PartnerCenterTransport Transport(TimeProvider? time = null) =>
        new(new HttpClient(_handler, disposeHandler: false), _options, new FixedTokenSource(), _limiters, time);
}

/// <summary>The Partner Center call counters, alone: a listener hears every test's calls, so nothing runs beside it.</summary>
[Collection(nameof(PartnerCenterCounterTests))]
[CollectionDefinition(nameof(PartnerCenterCounterTests), DisableParallelization = true)]
public sealed class PartnerCenterCounterTests
{
    [Fact]
    public async Task Each_answer_is_counted_by_its_status_and_a_429_also_as_throttled()
    {
        using var handler = new ScriptedHandler();
        using var limiters = new PartnerRateLimiters();
        handler.Answer(HttpStatusCode.TooManyRequests, "{}", retryAfter: TimeSpan.Zero);
        handler.Answer(HttpStatusCode.ServiceUnavailable, "{}");
        handler.Answer(HttpStatusCode.OK, "{}");
        var options = new PartnerCenterOptions
        {
            BaseUri = new Uri("https://api.partnercenter.example/"), PartnerTenantId = "counted", FirstRetryDelay = TimeSpan.FromMilliseconds(1),
        };
        var transport = new PartnerCenterTransport(new HttpClient(handler, disposeHandler: false), options, new FixedTokenSource(), limiters);
        var calls = new List<int>();
        var throttled = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayTelemetry.Meter.Name && instrument.Name.StartsWith("o365.partner_center.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument == GatewayTelemetry.PartnerCenterThrottled)
            {
                Interlocked.Add(ref throttled, value);
            }
            else if (instrument == GatewayTelemetry.PartnerCenterCalls)
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "http.response.status_code")
                    {
                        lock (calls)
                        {
                            calls.Add((int)tag.Value!);
                        }
                    }
                }
            }
        });
        listener.Start();

        await transport.SendAsync(new PartnerCenterRequest(HttpMethod.Get, "v1/customers/c1"));

        Assert.Equal([429, 503, 200], calls);
        Assert.Equal(1, Interlocked.Read(ref throttled));
    }
}
