using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;

namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>
/// Downloads the certificates webhook callbacks name, treating every callback as hostile until its signature is
/// checked: only exact allowed origins, no redirects, no query strings, a streamed download that stops at the size
/// cap, a short timeout, one download per URL at a time, a bounded number of downloads a minute for each origin (so
/// callbacks forged for one cloud cannot spend another's), and a bounded cache in which certificates that have verified
/// a genuine callback are the last to go.
/// The <see cref="HttpClient"/> must not follow redirects (the factory registration sees to it); a redirect answer is
/// a failure here in any case.
/// </summary>
public sealed class CertificateFetcher : IDisposable
{
    private const string NotFetched = "The signing certificate could not be fetched from x-ms-certificate-url.";
    private readonly HttpClient _http;
    private readonly WebhookSignatureOptions _options;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _origins;
    private readonly ConcurrentDictionary<string, RateLimiter> _fetchBudgets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<X509Certificate2>>> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _cacheGate = new();
    private readonly Dictionary<string, LinkedListNode<CachedCertificate>> _cache = new(StringComparer.Ordinal);
    private readonly LinkedList<CachedCertificate> _recency = new();
    private int _fetchesStarted;

    /// <summary>Creates a fetcher; refuses allowed origins that are not HTTPS (or loopback HTTP) or carry a path.</summary>
    public CertificateFetcher(HttpClient http, WebhookSignatureOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        _origins = new HashSet<string>(options.Clouds.Values.SelectMany(cloud => cloud.CertificateOrigins).Select(CheckedOrigin), StringComparer.OrdinalIgnoreCase);
        foreach (var origin in _origins)
        {
            _fetchBudgets[origin] = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, options.MaxCertificateFetchesPerMinute),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }
    }

    /// <summary>How many downloads have been started since the gateway started.</summary>
    public int FetchesStarted => Volatile.Read(ref _fetchesStarted);

    /// <summary>How many certificates are cached now.</summary>
    public int CachedCertificates
    {
        get
        {
            lock (_cacheGate)
            {
                return _cache.Count;
            }
        }
    }

    /// <summary>Why <paramref name="url"/> may not be fetched at all, or <see langword="null"/> when it may.</summary>
    public string? UrlProblem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || !_origins.Contains(Origin(url)))
        {
            return "The certificate URL's origin (scheme, host and port) is not on the allow list.";
        }

        return url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0
            ? "The certificate URL may not carry a query string, a fragment or credentials."
            : null;
    }

    /// <summary>
    /// The certificate at <paramref name="url"/>, from the cache or downloaded once. Throws
    /// <see cref="CertificateFetchException"/> for every failure, with a reason safe to show the caller.
    /// </summary>
    public async Task<X509Certificate2> GetAsync(Uri url, CancellationToken cancellationToken = default)
    {
        if (UrlProblem(url) is { } problem)
        {
            throw new CertificateFetchException(problem);
        }

        var key = Key(url);
        if (Cached(key) is { } certificate)
        {
            return certificate;
        }

        var fetch = _inFlight.GetOrAdd(key, k => new Lazy<Task<X509Certificate2>>(() => FetchAndCacheAsync(k, url)));
        return await fetch.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var budget in _fetchBudgets.Values)
        {
            budget.Dispose();
        }
    }

    /// <summary>
    /// Marks the certificate of <paramref name="url"/> as one that verified a genuine callback: the cache keeps it
    /// while there are others to evict, so forged callbacks naming new URLs cannot push it out.
    /// </summary>
    public void MarkGenuine(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        lock (_cacheGate)
        {
            if (_cache.TryGetValue(Key(url), out var node))
            {
                node.Value = node.Value with { Genuine = true };
            }
        }
    }

    private X509Certificate2? Cached(string key)
    {
        lock (_cacheGate)
        {
            if (!_cache.TryGetValue(key, out var node))
            {
                return null;
            }

            if (_time.GetUtcNow() - node.Value.FetchedAt >= _options.CertificateCacheDuration)
            {
                _cache.Remove(key);
                _recency.Remove(node);
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Certificate;
        }
    }

    private async Task<X509Certificate2> FetchAndCacheAsync(string key, Uri url)
    {
        try
        {
            using var lease = _fetchBudgets[Origin(url)].AttemptAcquire();
            if (!lease.IsAcquired)
            {
                throw new CertificateFetchException(
                    "Too many unknown signing certificates were named recently; the callback was not checked. Partner Center retries later.",
                    $"The budget of {_options.MaxCertificateFetchesPerMinute} certificate downloads a minute from {Origin(url)} is spent; {url} was not fetched.");
            }

            Interlocked.Increment(ref _fetchesStarted);
            var certificate = await DownloadAsync(url).ConfigureAwait(false);
            Remember(key, certificate);
            return certificate;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Downloads with its own timeout, not the first caller's token: the download is shared by every caller waiting
    /// for the same URL, and one of them hanging up must not fail the others.
    /// </summary>
    private async Task<X509Certificate2> DownloadAsync(Uri url)
    {
        using var timeout = new CancellationTokenSource(_options.CertificateFetchTimeout, _time);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new CertificateFetchException(NotFetched, $"{url} answered {(int)response.StatusCode}; redirects are not followed.");
            }

            if (response.Content.Headers.ContentLength > _options.MaxCertificateBytes)
            {
                throw new CertificateFetchException(NotFetched, $"{url} declared {response.Content.Headers.ContentLength} bytes; at most {_options.MaxCertificateBytes} are read.");
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[_options.MaxCertificateBytes + 1];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                if (length > _options.MaxCertificateBytes)
                {
                    throw new CertificateFetchException(NotFetched, $"{url} sent more than {_options.MaxCertificateBytes} bytes; the download was stopped there.");
                }

                return X509CertificateLoader.LoadCertificate(buffer.AsSpan(0, length));
            }
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            throw new CertificateFetchException(NotFetched, new TimeoutException($"{url} did not deliver a certificate within {_options.CertificateFetchTimeout}.", exception));
        }
        catch (HttpRequestException exception)
        {
            throw new CertificateFetchException(NotFetched, exception);
        }
        catch (CryptographicException exception)
        {
            throw new CertificateFetchException(NotFetched, exception);
        }
    }

    private void Remember(string key, X509Certificate2 certificate)
    {
        lock (_cacheGate)
        {
            if (_cache.Remove(key, out var stale))
            {
                _recency.Remove(stale);
            }

            _cache[key] = _recency.AddFirst(new CachedCertificate(key, certificate, _time.GetUtcNow()));
            while (_cache.Count > Math.Max(1, _options.MaxCachedCertificates))
            {
                // The least recently used of those that never verified a callback goes first.
                var evicted = _recency.Last!;
                for (var node = _recency.Last; node is not null; node = node.Previous)
                {
                    if (!node.Value.Genuine)
                    {
                        evicted = node;
                        break;
                    }
                }

                _recency.Remove(evicted);
                _cache.Remove(evicted.Value.Key);
            }
        }
    }

    /// <summary>Scheme, host and port (the port only when not the scheme's default), as allow lists compare them.</summary>
    public static string Origin(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
    }

    private static string CheckedOrigin(Uri origin)
    {
        if (!origin.IsAbsoluteUri || origin.AbsolutePath != "/" || origin.Query.Length > 0)
        {
            throw new ArgumentException($"'{origin}' is not an origin (scheme://host[:port]).", nameof(origin));
        }

        if (origin.Scheme != Uri.UriSchemeHttps && !(origin.Scheme == Uri.UriSchemeHttp && origin.IsLoopback))
        {
            throw new ArgumentException($"'{origin}' is not HTTPS; only a loopback origin (the emulator's) may be plain HTTP.", nameof(origin));
        }

        return Origin(origin);
    }

    private static string Key(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private sealed record CachedCertificate(string Key, X509Certificate2 Certificate, DateTimeOffset FetchedAt)
    {
        /// <summary>Whether the certificate has verified a callback's signature.</summary>
        public bool Genuine { get; init; }
    }
}
