using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using O365Functions.PartnerCenter.Webhooks;
using O365Functions.Testing;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>
/// The verifier over a certificate chain of the test's own making (its root trusted as the cloud's anchor): which
/// name must carry the organization, and what a verified callback does to its certificate's place in the cache.
/// </summary>
public sealed class WebhookSignatureVerifierTests : IAsyncLifetime
{
    private const string Organization = "Contoso Signing";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"EventName":"test-created"}""");
    private readonly Dictionary<string, byte[]> _served = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);
    private LoopbackWebServer _host = null!;

    public async Task InitializeAsync() =>
        _host = await LoopbackWebServer.StartAsync(app => app.MapGet("/cert/{name}", (string name) =>
        {
            lock (_requests)
            {
                _requests[name] = _requests.GetValueOrDefault(name) + 1;
            }

            return _served.TryGetValue(name, out var raw) ? Results.Bytes(raw, "application/pkix-cert") : Results.NotFound();
        }));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(Organization, null, true)]
    [InlineData(null, Organization, true)]
    [InlineData(null, null, false)]
    [InlineData(Organization + " Ltd", null, false)]
    [InlineData(null, "Fabrikam", false)]
    public async Task The_organization_may_be_named_by_the_signing_certificate_or_by_its_issuer_and_must_match_exactly(string? leafOrganization, string? issuerOrganization, bool valid)
    {
        using var chain = new TestChain(leafOrganization, issuerOrganization);
        using var fetcher = Fetcher(cached: 16);
        var verifier = VerifierServing(chain, fetcher);

        var result = await verifier.VerifyAsync(Signed(chain.Key, "leaf.cer"), Body);

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? null : $"The signing certificate does not belong to {Organization}.", result.Reason);
    }

    [Fact]
    public async Task With_both_headers_the_signature_is_read_from_x_ms_signature_since_Authorization_may_carry_the_receivers_own_credentials()
    {
        using var chain = new TestChain(Organization, null);
        using var fetcher = Fetcher(cached: 16);
        var verifier = VerifierServing(chain, fetcher);
        var signed = Signed(chain.Key, "leaf.cer");

        var result = await verifier.VerifyAsync(signed with { Authorization = "Bearer receiver-token", MsSignature = signed.Authorization }, Body);

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public async Task A_certificate_url_off_the_allow_list_is_refused_with_its_origin_in_the_detail_and_never_fetched()
    {
        using var fetcher = Fetcher(cached: 16);
        var verifier = new WebhookSignatureVerifier(fetcher, Options(null, cached: 16));

        var result = await verifier.VerifyAsync(new WebhookSignatureHeaders("Signature AAAA", null, "https://elsewhere.example:8443/cert/leaf.cer", "rsa-sha256"), Body);

        Assert.False(result.IsValid);
        Assert.Equal("Refused certificate URL https://elsewhere.example:8443.", result.Detail);
        Assert.Equal(0, fetcher.FetchesStarted);
    }

    [Fact]
    public async Task A_certificate_that_verified_a_callback_is_kept_when_an_unverified_one_would_push_it_out()
    {
        using var chain = new TestChain(Organization, null);
        _served["genuine.cer"] = chain.Leaf.RawData;
        _served["forged.cer"] = chain.Leaf.RawData;
        using var fetcher = Fetcher(cached: 1);
        var verifier = new WebhookSignatureVerifier(fetcher, Options(chain.Root, cached: 1));

        Assert.True((await verifier.VerifyAsync(Signed(chain.Key, "genuine.cer"), Body)).IsValid);
        await fetcher.GetAsync(Url("forged.cer"));
        await fetcher.GetAsync(Url("genuine.cer"));

        Assert.Equal(1, _requests["genuine.cer"]);
    }

    /// <summary>A verifier that trusts <paramref name="chain"/>'s root, with its leaf served as <c>leaf.cer</c>.</summary>
    private WebhookSignatureVerifier VerifierServing(TestChain chain, CertificateFetcher fetcher)
    {
        _served["leaf.cer"] = chain.Leaf.RawData;
        return new WebhookSignatureVerifier(fetcher, Options(chain.Root, cached: 16));
    }

    private CertificateFetcher Fetcher(int cached) =>
        new(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }), Options(null, cached));

    private WebhookSignatureOptions Options(X509Certificate2? root, int cached)
    {
        var options = new WebhookSignatureOptions { MaxCachedCertificates = cached };
        options.Clouds.Clear();
        options.Clouds["test"] = new WebhookCloudTrust
        {
            CertificateOrigins = [new Uri(_host.Address.GetLeftPart(UriPartial.Authority))],
            Organization = Organization,
            TrustAnchors = root is null ? null : [root],
            RevocationMode = X509RevocationMode.NoCheck,
        };
        return options;
    }

    private Uri Url(string name) => new(_host.Address, $"/cert/{name}");

    private WebhookSignatureHeaders Signed(RSA key, string certificate) =>
        new("Signature " + Convert.ToBase64String(key.SignData(Body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)), null, Url(certificate).AbsoluteUri, "rsa-sha256");

    /// <summary>A root of the test's making and a signing certificate it issued, with the signing key.</summary>
    private sealed class TestChain : IDisposable
    {
        public TestChain(string? leafOrganization, string? issuerOrganization)
        {
            var now = DateTimeOffset.UtcNow;
            using var rootKey = RSA.Create(2048);
            var rootRequest = new CertificateRequest(Name("Test Root", issuerOrganization), rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            Root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
            Key = RSA.Create(2048);
            var leafRequest = new CertificateRequest(Name("Notifications", leafOrganization), Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            Leaf = leafRequest.Create(Root, now.AddHours(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(8));
        }

        public X509Certificate2 Root { get; }

        public X509Certificate2 Leaf { get; }

        public RSA Key { get; }

        public void Dispose()
        {
            Root.Dispose();
            Leaf.Dispose();
            Key.Dispose();
        }
    }

    private static X500DistinguishedName Name(string commonName, string? organization) =>
        new(organization is null ? $"CN={commonName}" : $"CN={commonName}, O={organization}");
}
