using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.PartnerCenter.Webhooks;

namespace O365Functions.Api.Tests.Hostile;

[CollectionDefinition(nameof(HostileClients), DisableParallelization = true)]
public sealed class HostileClients;

/// <summary>
/// The local gateway on loopback, tried as a hostile client would. The collection runs alone, so that the
/// allocation figures measured here are the gateway's own.
/// </summary>
[Collection(nameof(HostileClients))]
public sealed partial class HostileClientTests
{
    private const int CertificateCap = 64 * 1024;

    [Fact]
    public async Task A_loopback_certificate_url_on_another_port_or_scheme_is_refused_without_any_connection()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var gateway = HostileGateway.Start();
        using var client = gateway.Client();

        var answers = new List<(int Status, string Body)>();
        foreach (var url in new[] { $"http://127.0.0.1:{port}/cert.cer", $"https://127.0.0.1:{port}/cert.cer", $"{gateway.Address}health", "ftp://127.0.0.1/cert.cer", "file:///etc/passwd" })
        {
            answers.Add(await gateway.PostCallbackAsync(client, gateway.Callback(certificateUrl: new Uri(url))));
        }

        Assert.All(answers, answer => Assert.Equal(401, answer.Status));
        // HTTP(S) URLs on other origins are off the allow list; other schemes are not certificate URLs at all.
        Assert.All(answers[..3], answer => Assert.Contains("origin (scheme, host and port) is not on the allow list", answer.Body, StringComparison.Ordinal));
        Assert.All(answers[3..], answer => Assert.Contains("no absolute x-ms-certificate-url (an https:// address)", answer.Body, StringComparison.Ordinal));
        Assert.All(answers, answer => Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Body, StringComparison.Ordinal));
        Assert.False(listener.Pending());
        Assert.Equal(0, gateway.Certificates.FetchesStarted);
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_origin_is_not_followed()
    {
        using var gateway = HostileGateway.Start();
        await using var elsewhere = await HostileCertificateServer.StartAsync(gateway.SigningCertificate);
        var allowed = await gateway.AllowCertificateServerAsync(redirectTo: elsewhere.Url("/cert/notifications.cer"));
        using var client = gateway.Client();

        var (status, body) = await gateway.PostCallbackAsync(client, gateway.Callback(certificateUrl: allowed.Url("/redirect")));

        Assert.Equal(401, status);
        Assert.Contains("could not be fetched", body, StringComparison.Ordinal);
        Assert.Equal(1, allowed.Requests);
        Assert.Equal(0, elsewhere.Requests);
        Assert.Equal(0, gateway.Certificates.CachedCertificates);
    }

    [Fact]
    public async Task A_300_MB_certificate_is_read_no_further_than_the_cap()
    {
        using var gateway = HostileGateway.Start();
        var server = await gateway.AllowCertificateServerAsync();
        using var client = gateway.Client();
        await gateway.PostCallbackAsync(client, gateway.Callback(certificateUrl: server.Url("/cert/warm-up.cer")));

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (status, body) = await gateway.PostCallbackAsync(client, gateway.Callback(certificateUrl: server.Url("/huge")));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(401, status);
        Assert.Contains("could not be fetched", body, StringComparison.Ordinal);
        // Loopback socket buffers let the server write a few MB ahead of what the gateway read; never the whole 300 MB.
        Assert.True(server.HugeBytesSent < 32L * 1024 * 1024, $"The server wrote {server.HugeBytesSent} bytes before the gateway hung up.");
        // Before the cap was enforced while streaming, this request allocated the whole 300 MB. The figure is the
        // whole test process's, so it has room for what else runs meanwhile (the gateway's timers, the GC's own).
        Assert.True(allocated < 64L * 1024 * 1024, $"The process allocated {allocated} bytes during the request.");
    }

    [Fact]
    public async Task A_certificate_server_that_never_answers_gives_401_within_the_timeout()
    {
        using var gateway = HostileGateway.Start();
        var server = await gateway.AllowCertificateServerAsync();
        using var client = gateway.Client();

        var clock = Stopwatch.StartNew();
        var (status, body) = await gateway.PostCallbackAsync(client, gateway.Callback(certificateUrl: server.Url("/silent")));

        Assert.Equal(401, status);
        Assert.Contains("could not be fetched", body, StringComparison.Ordinal);
        // It waited for the timeout, and no longer than a bound a loaded machine cannot reach by slowness alone
        // (the next limit that could end the request is the HTTP client's 100 s).
        Assert.True(clock.Elapsed >= HostileGateway.CertificateFetchTimeout - TimeSpan.FromMilliseconds(200), $"Gave up after {clock.Elapsed}, before the timeout.");
        Assert.True(clock.Elapsed < HostileGateway.CertificateFetchTimeout + TimeSpan.FromSeconds(30), $"Still waiting after {clock.Elapsed}.");
    }

    [Fact]
    public async Task Six_thousand_distinct_certificate_urls_cause_a_bounded_number_of_fetches_and_cache_entries()
    {
        using var gateway = HostileGateway.Start();
        var server = await gateway.AllowCertificateServerAsync();
        using var client = gateway.Client();
        var withQueries = Enumerable.Range(0, 3000).Select(i => server.Url($"/cert/notifications.cer?v={i}"));
        var withPaths = Enumerable.Range(0, 3000).Select(i => server.Url($"/cert/{i}.cer"));
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();

        await Parallel.ForEachAsync(withQueries.Concat(withPaths), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (url, _) =>
            statuses.Add((await gateway.PostCallbackAsync(client, gateway.Callback(certificateUrl: url))).Status));

        var options = gateway.Services.GetRequiredService<WebhookSignatureOptions>();
        Assert.Equal(6000, statuses.Count);
        Assert.InRange(server.Requests, 1, options.MaxCertificateFetchesPerMinute);
        Assert.Equal(server.Requests, gateway.Certificates.FetchesStarted);
        Assert.InRange(gateway.Certificates.CachedCertificates, 1, options.MaxCachedCertificates);
        Assert.InRange(statuses.Count(s => s == 202), 1, 3000);
        Assert.All(statuses, s => Assert.Contains(s, new[] { 202, 401 }));
    }

    [Fact]
    public async Task Concurrent_callbacks_naming_one_certificate_share_one_download()
    {
        using var gateway = HostileGateway.Start();
        var server = await gateway.AllowCertificateServerAsync();
        using var client = gateway.Client();
        var url = server.Url("/cert/shared.cer");

        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            gateway.PostCallbackAsync(client, gateway.Callback(resourceUri: $"urn:test:{i}", certificateUrl: url))));

        Assert.All(answers, answer => Assert.Equal(202, answer.Status));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Certificate_downloads_carry_no_trace_headers_to_the_certificate_host()
    {
        using var tracing = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(tracing);
        using var gateway = HostileGateway.Start();
        var server = await gateway.AllowCertificateServerAsync();
        using var client = gateway.Client();

        var (status, _) = await gateway.PostCallbackAsync(client, gateway.Callback(certificateUrl: server.Url("/cert/traced.cer")));

        Assert.Equal(202, status);
        var headers = Assert.Single(server.Headers);
        Assert.DoesNotContain(headers.Keys, name => name is "traceparent" or "tracestate" or "Request-Id" or "baggage" or "Correlation-Context");
    }

    [Fact]
    public async Task A_28_MiB_chunked_webhook_body_is_refused_before_1_MB_of_it_is_sent()
    {
        using var gateway = HostileGateway.Start();

        var (status, sent) = await RawHttp.SendChunkedUntilAnsweredAsync(gateway.Address, "/webhooks/partner-center", 28L * 1024 * 1024, limit: new O365Functions.Api.Http.GatewayLimits().WebhookBodyBytes);

        Assert.Equal(413, status);
        Assert.InRange(sent, 256 * 1024, 1024 * 1024);
    }

    [Fact]
    public async Task A_replayed_callback_is_acknowledged_but_processed_once()
    {
        using var gateway = HostileGateway.Start();
        using var client = gateway.Client();
        var callback = gateway.Callback("subscription-updated", resourceUri: "https://api.partnercenter.microsoft.com/webhooks/v1/customers/a/subscriptions/b");

        var statuses = new List<int>();
        for (var i = 0; i < 500; i++)
        {
            statuses.Add((await gateway.PostCallbackAsync(client, callback)).Status);
        }

        Assert.Equal(202, statuses[0]);
        Assert.All(statuses.Skip(1), status => Assert.Equal(200, status));
        Assert.Single(gateway.Logs.Lines, l => l.Message.Contains("again without processing it", StringComparison.Ordinal));
        var counted = gateway.Logs.Lines.Where(l => l.Message.Contains("has now been received again", StringComparison.Ordinal)).Select(l => l.Message).ToList();
        Assert.Equal(2, counted.Count);
        Assert.Contains("received again 10 times", counted[0], StringComparison.Ordinal);
        Assert.Contains("received again 100 times", counted[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_or_future_callback_is_refused_and_not_processed()
    {
        using var gateway = HostileGateway.Start();
        using var client = gateway.Client();

        var stale = await gateway.PostCallbackAsync(client, gateway.Callback(changedAt: DateTimeOffset.UtcNow.AddDays(-4)));
        var future = await gateway.PostCallbackAsync(client, gateway.Callback(changedAt: DateTimeOffset.UtcNow.AddHours(1)));
        var recentButLate = await gateway.PostCallbackAsync(client, gateway.Callback(changedAt: DateTimeOffset.UtcNow.AddHours(-47)));

        Assert.Equal(400, stale.Status);
        Assert.Contains("StaleCallback", stale.Body, StringComparison.Ordinal);
        Assert.Equal(400, future.Status);
        Assert.Equal(202, recentButLate.Status);
    }

    [Fact]
    public async Task One_hundred_thousand_unknown_plan_keys_are_refused_with_a_small_error_body()
    {
        using var gateway = HostileGateway.Start();
        using var client = gateway.Client();
        var huge = "{\"licenses\": {" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"\"UNKNOWN{i}\": {{\"limit\": 1}}")) + "}}";
        var many = "{\"licenses\": {" + string.Join(",", Enumerable.Range(0, 240).Select(i => $"\"UNKNOWN{i}\": {{\"limit\": 1}}")) + "}}";
        var longKey = "{\"licenses\": {\"" + new string('K', 28 * 1024 * 1024) + "\": {\"limit\": 1}}}";

        // The gateway answers 413 without reading an oversized body and closes the connection, which HttpClient,
        // still sending, reports as a broken pipe; a raw client reads the answer.
        var (hugeStatus, hugeBody) = await RawHttp.PostAsync(gateway.Address, "/catalog/plan", Encoding.UTF8.GetBytes(huge));
        var (manyStatus, manyBody) = await PostJsonAsync(client, "/catalog/plan", many);
        var (longStatus, longBody) = await RawHttp.PostAsync(gateway.Address, "/catalog/plan", Encoding.UTF8.GetBytes(longKey));

        Assert.Equal(413, hugeStatus);
        Assert.Equal(413, longStatus);
        Assert.Equal(400, manyStatus);
        Assert.All(new[] { hugeBody, manyBody, longBody }, body => Assert.InRange(Encoding.UTF8.GetByteCount(body), 1, 64 * 1024));
        using var problems = JsonDocument.Parse(manyBody);
        Assert.Equal(20, problems.RootElement.GetProperty("details").GetArrayLength());
        Assert.Contains("240 problems", problems.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("220 are not listed", problems.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_limits_on_depth_and_keys_are_named_in_a_400()
    {
        using var gateway = HostileGateway.Start();
        using var client = gateway.Client();
        var deep = "{\"licenses\": " + new string('[', 40) + new string(']', 40) + "}";
        var manyKeys = "{\"licenses\": {}, " + string.Join(",", Enumerable.Range(0, 600).Select(i => $"\"k{i}\": 0")) + "}";
        var longKey = "{\"" + new string('k', 200) + "\": 1}";

        var answers = new[] { await PostJsonAsync(client, "/catalog/plan", deep), await PostJsonAsync(client, "/catalog/plan", manyKeys), await PostJsonAsync(client, "/catalog/plan", longKey) };

        Assert.All(answers, answer => Assert.Equal(400, answer.Status));
        Assert.Contains("JsonTooDeep", answers[0].Body, StringComparison.Ordinal);
        Assert.Contains("TooManyJsonKeys", answers[1].Body, StringComparison.Ordinal);
        Assert.Contains("JsonKeyTooLong", answers[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trickled_body_is_ended_by_the_body_timeout()
    {
        using var gateway = HostileGateway.Start();

        var (status, elapsed) = await RawHttp.TrickleAsync(gateway.Address, "/catalog/plan", declaredBytes: 60_000, bytesPerSecond: 400, giveUpAfter: TimeSpan.FromSeconds(20));

        Assert.Equal(408, status);
        Assert.InRange(elapsed, HostileGateway.BodyTimeout - TimeSpan.FromMilliseconds(200), HostileGateway.BodyTimeout + TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task No_answer_carries_a_type_name_exception_text_or_a_server_header()
    {
        using var gateway = HostileGateway.Start();
        using var client = gateway.Client();
        var requests = new (string Path, string ContentType, string Body)[]
        {
            ("/catalog/plan", "application/json", "{\"licenses\": {\"ENTERPRISEPACK\": {\"limit\": \"many\"}}}"),
            ("/catalog/plan", "application/json", "{\"licenses\": [1, 2]}"),
            ("/catalog/plan", "application/json", "{\"licenses\": {\"ENTERPRISEPACK\": {\"limit\": 99999999999999999999}}}"),
            ("/catalog/plan", "application/json", "{\"licenses\": "),
            ("/catalog/plan", "application/json", ""),
            ("/catalog/plan", "application/json", "null"),
            ("/catalog/plan", "text/plain", "{}"),
            ("/catalog/plan", "application/json", "{\"licenses\": {\"ENTERPRISEPACK\": {\"limit\": -5}}}"),
            ("/webhooks/partner-center", "application/json", "{\"EventName\": \"test-created\"}"),
        };

        var bodies = new List<string>();
        foreach (var (path, contentType, body) in requests)
        {
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} {body} answered {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("Server"));
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        var callback = gateway.Callback(certificateUrl: new Uri("http://127.0.0.1:1/cert.cer"));
        bodies.Add((await gateway.PostCallbackAsync(client, callback)).Body);
        using var health = await client.GetAsync("/health");
        var healthBody = await health.Content.ReadAsStringAsync();

        Assert.All(bodies, body => Assert.DoesNotMatch(InternalDetail(), body));
        Assert.False(health.Headers.Contains("Server"));
        using var report = JsonDocument.Parse(healthBody);
        Assert.Equal(["status", "version", "provisioning"], report.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("+", report.RootElement.GetProperty("version").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(int Status, string Body)> PostJsonAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What .NET puts in exception text and type names: namespaces, generic arity, stack frames, exception names.</summary>
    [GeneratedRegex(@"System\.|Microsoft\.|O365Functions\.|`\d|\bat [A-Z]\w+\.|Exception|Connection refused|127\.0\.0\.1:1\b")]
    private static partial Regex InternalDetail();
}
