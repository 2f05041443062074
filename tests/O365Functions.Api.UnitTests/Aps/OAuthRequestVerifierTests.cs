using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using O365Functions.Api.Aps;
using O365Functions.Api.Aps.Authentication;
using O365Functions.Core.Security;
using O365Functions.Storage.Secrets;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Api.UnitTests.Aps;

/// <summary>
/// The OAuth check of APS requests on its own, each reason for a refusal in turn, on a fake clock. The end-to-end
/// refusals, signed by the controller emulator's own RFC 5849 signer, are in O365Functions.Api.Tests' ApsRefusalTests.
/// </summary>
public sealed class OAuthRequestVerifierTests : IAsyncLifetime
{
    private const string Key = "commerce-key";
    private const string Secret = "first secret";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-oauth-");
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly ApsOptions _options = new() { OAuth = { Enabled = true, ConsumerKey = Key } };
    private LocalSecretStore _secrets = null!;
    private SqliteEntityStore _store = null!;
    private OAuthRequestVerifier _verifier = null!;

    public async Task InitializeAsync()
    {
        _secrets = new LocalSecretStore(LocalSecretStoreOptions.In(_data.FullName));
        await _secrets.SetAsync(_options.OAuth.ConsumerSecretName, Secret);
        _store = new SqliteEntityStore(Path.Combine(_data.FullName, "gateway.db"));
        _verifier = new OAuthRequestVerifier(Options.Create(_options), _secrets, new OAuthNonceLedger(_store), _clock);
    }

    public Task DisposeAsync()
    {
        _secrets.Dispose();
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_request_signed_with_the_secret_over_its_url_and_query_in_the_window_with_a_new_nonce_passes()
    {
        Assert.Null(await VerifyAsync(Signed("GET", "https://gateway.example/aps/tenants/t1?select=name&limit=5")));
        Assert.Null(await VerifyAsync(Signed("POST", "https://gateway.example/aps/tenants", nonce: "n-2")));
    }

    [Fact]
    public async Task A_nonce_is_accepted_once()
    {
        Assert.Null(await VerifyAsync(Signed("GET", "https://gateway.example/aps/tenants/t1", nonce: "once")));

        Assert.Equal("the OAuth nonce was used before (a replayed request).", await VerifyAsync(Signed("GET", "https://gateway.example/aps/tenants/t1", nonce: "once")));
    }

    [Fact]
    public async Task A_gateway_without_OAuth_enabled_or_without_a_consumer_key_refuses_every_request()
    {
        var request = Signed("GET", "https://gateway.example/aps/tenants/t1");
        _options.OAuth.Enabled = false;
        var disabled = await VerifyAsync(request);
        _options.OAuth.Enabled = true;
        _options.OAuth.ConsumerKey = string.Empty;
        var keyless = await VerifyAsync(request);

        Assert.Equal("OAuth is not enabled on this gateway (Aps:OAuth:Enabled and Aps:OAuth:ConsumerKey).", disabled);
        Assert.Equal(disabled, keyless);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("OAuth")]
    public async Task A_request_without_an_OAuth_header_is_refused(string authorization)
    {
        var request = Request("GET", "https://gateway.example/aps/tenants/t1");
        request.Headers.Authorization = authorization;

        Assert.Equal("the request has no OAuth Authorization header.", await VerifyAsync(request));
    }

    [Fact]
    public async Task The_scheme_name_is_read_in_any_casing()
    {
        var request = Signed("GET", "https://gateway.example/aps/tenants/t1");
        request.Headers.Authorization = "oauth " + request.Headers.Authorization.ToString()["OAuth ".Length..];

        Assert.Null(await VerifyAsync(request));
    }

    [Theory]
    [InlineData("oauth_signature")]
    [InlineData("oauth_consumer_key")]
    [InlineData("oauth_timestamp")]
    [InlineData("oauth_nonce")]
    public async Task A_header_without_one_of_the_four_required_parameters_is_refused(string missing)
    {
        var request = Signed("GET", "https://gateway.example/aps/tenants/t1", leaveOut: missing);

        Assert.Equal("the OAuth header lacks oauth_signature, oauth_consumer_key, oauth_timestamp or oauth_nonce.", await VerifyAsync(request));
    }

    [Theory]
    [InlineData("PLAINTEXT")]
    [InlineData("HMAC-SHA256")]
    [InlineData(null)]
    public async Task A_signature_method_other_than_HMAC_SHA1_is_refused(string? method)
    {
        var request = Signed("GET", "https://gateway.example/aps/tenants/t1", signatureMethod: method);

        Assert.Equal("the OAuth signature method is not HMAC-SHA1.", await VerifyAsync(request));
    }

    [Fact]
    public async Task Another_consumer_key_is_refused_even_when_its_signature_matches()
    {
        var request = Signed("GET", "https://gateway.example/aps/tenants/t1", key: "someone-else");

        Assert.Equal("the OAuth consumer key is not the configured one.", await VerifyAsync(request));
    }

    [Theory]
    [InlineData("12a")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("99999999999999999")]
    public async Task A_timestamp_that_is_not_a_count_of_seconds_is_refused(string timestamp)
    {
        var request = Signed("GET", "https://gateway.example/aps/tenants/t1", timestamp: timestamp);

        Assert.Equal("the OAuth timestamp is not a number of seconds.", await VerifyAsync(request));
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public async Task A_timestamp_is_accepted_up_to_the_window_either_side_of_the_gateway_s_clock(int offsetSeconds, bool accepted)
    {
        var stamp = Now.AddSeconds(offsetSeconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var reason = await VerifyAsync(Signed("GET", "https://gateway.example/aps/tenants/t1", timestamp: stamp));

        Assert.Equal(accepted ? null : "the OAuth timestamp is more than 5 minutes from the gateway's clock.", reason);
    }

    [Fact]
    public async Task A_missing_secret_is_named_in_the_reason()
    {
        await _secrets.DeleteAsync(_options.OAuth.ConsumerSecretName);

        Assert.Equal("the OAuth consumer secret 'aps-oauth-consumer-secret' is not in the secret store.",
            await VerifyAsync(Signed("GET", "https://gateway.example/aps/tenants/t1")));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_or_over_another_query_method_or_path_is_refused()
    {
        var otherSecret = Signed("GET", "https://gateway.example/aps/tenants/t1", secret: "guessed", nonce: "a");
        var otherQuery = Signed("GET", "https://gateway.example/aps/tenants/t1?limit=5", nonce: "b");
        otherQuery.QueryString = new QueryString("?limit=500");
        var otherMethod = Signed("GET", "https://gateway.example/aps/tenants/t1", nonce: "c");
        otherMethod.Method = "DELETE";
        var otherPath = Signed("GET", "https://gateway.example/aps/tenants/t1", nonce: "d");
        otherPath.Path = "/aps/tenants/t2";

        foreach (var request in new[] { otherSecret, otherQuery, otherMethod, otherPath })
        {
            Assert.Equal("the OAuth signature does not match the request.", await VerifyAsync(request));
        }
    }

    [Fact]
    public async Task The_url_signed_is_the_external_one_when_the_gateway_sits_behind_a_proxy_with_its_path_base()
    {
        _options.OAuth.ExternalBaseUri = new Uri("https://gateway.example/");
        var behindProxy = Signed("GET", "https://gateway.example/o365/aps/tenants/t1", nonce: "a");
        behindProxy.Scheme = "http";
        behindProxy.Host = new HostString("10.0.0.4", 8080);
        behindProxy.PathBase = "/o365";
        behindProxy.Path = "/aps/tenants/t1";
        var signedForTheInsideAddress = Signed("GET", "http://10.0.0.4:8080/o365/aps/tenants/t1", nonce: "b");
        signedForTheInsideAddress.PathBase = "/o365";
        signedForTheInsideAddress.Path = "/aps/tenants/t1";

        Assert.Null(await VerifyAsync(behindProxy));
        Assert.Equal("the OAuth signature does not match the request.", await VerifyAsync(signedForTheInsideAddress));
    }

    [Fact]
    public async Task A_rotated_secret_is_read_again_once_the_reread_interval_has_passed()
    {
        Assert.Null(await VerifyAsync(Signed("GET", "https://gateway.example/aps/tenants/t1", nonce: "a")));
        await _secrets.SetAsync(_options.OAuth.ConsumerSecretName, "second secret");

        var oldSecretStillHeld = await VerifyAsync(Signed("GET", "https://gateway.example/aps/tenants/t1", nonce: "b"));
        _clock.Advance(_options.OAuth.SecretRereadInterval - TimeSpan.FromSeconds(1));
        var newSecretTooEarly = await VerifyAsync(Signed("GET", "https://gateway.example/aps/tenants/t1", nonce: "c", secret: "second secret"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var newSecretOnTime = await VerifyAsync(Signed("GET", "https://gateway.example/aps/tenants/t1", nonce: "d", secret: "second secret"));

        Assert.Null(oldSecretStillHeld);
        Assert.Equal("the OAuth signature does not match the request.", newSecretTooEarly);
        Assert.Null(newSecretOnTime);
    }

    [Fact]
    public async Task Header_values_are_read_percent_decoded_with_or_without_quotes_and_stray_parts_are_ignored()
    {
        var request = Signed("GET", "https://gateway.example/aps/tenants/t1", nonce: "a b/c");
        var header = request.Headers.Authorization.ToString();
        request.Headers.Authorization = header.Replace("oauth_version=\"1.0\"", "oauth_version=1.0, stray, =empty", StringComparison.Ordinal);

        Assert.Contains("oauth_nonce=\"a%20b%2Fc\"", header, StringComparison.Ordinal);
        Assert.Null(await VerifyAsync(request));
    }

    private Task<string?> VerifyAsync(HttpRequest request) => _verifier.VerifyAsync(request, CancellationToken.None);

    private static HttpRequest Request(string method, string url)
    {
        var uri = new Uri(url);
        var request = new DefaultHttpContext().Request;
        request.Method = method;
        request.Scheme = uri.Scheme;
        request.Host = new HostString(uri.Host, uri.Port);
        request.Path = uri.AbsolutePath;
        request.QueryString = new QueryString(uri.Query);
        return request;
    }

    /// <summary>A request to <paramref name="url"/> signed as the controller signs, with any one part made wrong.</summary>
    private static HttpRequest Signed(
        string httpMethod, string url, string nonce = "n-1", string? timestamp = null, string key = Key, string secret = Secret,
        string? signatureMethod = "HMAC-SHA1", string? leaveOut = null)
    {
        var request = Request(httpMethod, url);
        var oauth = new Dictionary<string, string>
        {
            ["oauth_consumer_key"] = key,
            ["oauth_nonce"] = nonce,
            ["oauth_timestamp"] = timestamp ?? Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["oauth_version"] = "1.0",
        };
        if (signatureMethod is not null)
        {
            oauth["oauth_signature_method"] = signatureMethod;
        }

        var query = request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty)));
        oauth["oauth_signature"] = OAuthSignature.Compute(httpMethod, new Uri(url), oauth.Concat(query), secret);
        request.Headers.Authorization = "OAuth " + string.Join(", ", oauth
            .Where(p => p.Key != leaveOut)
            .Select(p => $"{OAuthSignature.Encode(p.Key)}=\"{OAuthSignature.Encode(p.Value)}\""));
        return request;
    }
}
