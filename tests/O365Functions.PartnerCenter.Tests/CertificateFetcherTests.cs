using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using O365Functions.PartnerCenter.Webhooks;
using O365Functions.Testing;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>
/// The certificate fetcher's cache, budget and allow list on their own, against a certificate host on loopback and a
/// fake clock: what is fetched again, what is kept, what is refused and why.
/// </summary>
public sealed class CertificateFetcherTests : IAsyncLifetime
{
    private static readonly byte[] Certificate = NewCertificate();
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private LoopbackWebServer _host = null!;

    private Uri Origin => new(_host.Address.GetLeftPart(UriPartial.Authority));

    public async Task InitializeAsync() =>
        _host = await LoopbackWebServer.StartAsync(app => app.MapGet("/cert/{name}", (string name) =>
        {
            _requests.AddOrUpdate(name, 1, (_, n) => n + 1);
            return Results.Bytes(Certificate, "application/pkix-cert");
        }));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_cached_certificate_is_fetched_again_once_its_cache_duration_has_passed_and_not_before()
    {
        using var fetcher = Fetcher(cacheDuration: TimeSpan.FromHours(12));

        await fetcher.GetAsync(Url("a"));
        _time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromTicks(1));
        await fetcher.GetAsync(Url("a"));
        var beforeExpiry = Requests("a");
        _time.Advance(TimeSpan.FromTicks(1));
        await fetcher.GetAsync(Url("a"));

        Assert.Equal(1, beforeExpiry);
        Assert.Equal(2, Requests("a"));
        Assert.Equal(2, fetcher.FetchesStarted);
        Assert.Equal(1, fetcher.CachedCertificates);
    }

    [Fact]
    public async Task Each_path_is_its_own_entry_and_the_least_recently_used_goes_first()
    {
        using var fetcher = Fetcher(cached: 2);

        await fetcher.GetAsync(Url("a"));
        await fetcher.GetAsync(Url("b"));
        await fetcher.GetAsync(Url("a"));
        await fetcher.GetAsync(Url("c"));
        await fetcher.GetAsync(Url("a"));
        await fetcher.GetAsync(Url("b"));

        Assert.Equal((1, 2, 1), (Requests("a"), Requests("b"), Requests("c")));
        Assert.Equal(2, fetcher.CachedCertificates);
    }

    [Fact]
    public async Task A_genuine_certificate_stays_while_others_are_evicted_even_as_the_least_recently_used()
    {
        using var fetcher = Fetcher(cached: 2);
        await fetcher.GetAsync(Url("genuine"));
        fetcher.MarkGenuine(Url("genuine"));
        fetcher.MarkGenuine(Url("never-fetched"));

        for (var i = 0; i < 4; i++)
        {
            await fetcher.GetAsync(Url($"forged{i}"));
        }

        await fetcher.GetAsync(Url("genuine"));

        Assert.Equal(1, Requests("genuine"));
        Assert.Equal(2, fetcher.CachedCertificates);
    }

    [Fact]
    public async Task The_download_budget_allows_its_number_a_minute_then_refuses_naming_the_origin_while_cached_ones_are_still_served()
    {
        using var fetcher = Fetcher(fetchesPerMinute: 2);

        await fetcher.GetAsync(Url("a"));
        await fetcher.GetAsync(Url("b"));
        var spent = await Assert.ThrowsAsync<CertificateFetchException>(() => fetcher.GetAsync(Url("c")));
        await fetcher.GetAsync(Url("a"));

        Assert.Contains("Too many unknown signing certificates", spent.Message, StringComparison.Ordinal);
        Assert.Contains($"2 certificate downloads a minute from {CertificateFetcher.Origin(Origin)}", spent.Detail, StringComparison.Ordinal);
        Assert.Equal(0, Requests("c"));
        Assert.Equal(2, fetcher.FetchesStarted);
    }

    [Theory]
    [InlineData("https://certificates.example/path/", "is not an origin")]
    [InlineData("https://certificates.example/?q=1", "is not an origin")]
    [InlineData("http://certificates.example/", "is not HTTPS")]
    public void An_allowed_origin_that_is_not_a_bare_https_origin_is_refused_at_start(string origin, string reason)
    {
        var options = new WebhookSignatureOptions();
        options.Clouds.Clear();
        options.Clouds["bad"] = new WebhookCloudTrust { CertificateOrigins = [new Uri(origin)] };

        var refused = Assert.Throws<ArgumentException>(() => new CertificateFetcher(new HttpClient(), options));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://elsewhere.example/cert/a", "not on the allow list")]
    [InlineData("{origin}/cert/a?x=1", "may not carry")]
    [InlineData("{origin}/cert/a#x", "may not carry")]
    [InlineData("{credentials}/cert/a", "may not carry")]
    public async Task A_url_off_the_allow_list_or_carrying_more_than_a_path_is_refused_without_a_request(string url, string reason)
    {
        using var fetcher = Fetcher();
        var origin = Origin.AbsoluteUri.TrimEnd('/');
        var target = new Uri(url.Replace("{credentials}", origin.Replace("://", "://user:secret@", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("{origin}", origin, StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<CertificateFetchException>(() => fetcher.GetAsync(target));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Contains(reason, fetcher.UrlProblem(target), StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    private CertificateFetcher Fetcher(int cached = 16, int fetchesPerMinute = 100, TimeSpan? cacheDuration = null)
    {
        var options = new WebhookSignatureOptions
        {
            MaxCachedCertificates = cached,
            MaxCertificateFetchesPerMinute = fetchesPerMinute,
            CertificateCacheDuration = cacheDuration ?? TimeSpan.FromHours(12),
        };
        options.Clouds.Clear();
        options.Clouds["loopback"] = new WebhookCloudTrust { CertificateOrigins = [Origin] };
        return new CertificateFetcher(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }), options, _time);
    }

    private Uri Url(string name) => new(Origin, $"/cert/{name}");

    private int Requests(string name) => _requests.GetValueOrDefault(name);

    private static byte[] NewCertificate()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=Signing", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Cert);
    }
}
