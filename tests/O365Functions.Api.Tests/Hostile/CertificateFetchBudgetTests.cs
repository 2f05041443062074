using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using O365Functions.PartnerCenter.Webhooks;

namespace O365Functions.Api.Tests.Hostile;

/// <summary>The certificate fetcher's budget and cache under forged callbacks, against real certificate hosts on loopback.</summary>
public sealed class CertificateFetchBudgetTests
{
    [Fact]
    public async Task Forged_callbacks_that_spend_one_clouds_download_budget_leave_another_clouds_untouched()
    {
        await using var first = await HostileCertificateServer.StartAsync(Certificate());
        await using var second = await HostileCertificateServer.StartAsync(Certificate());
        using var fetcher = Fetcher(first, second, fetchesPerMinute: 2, cached: 16);

        await fetcher.GetAsync(first.Url("/cert/1.cer"));
        await fetcher.GetAsync(first.Url("/cert/2.cer"));
        var spent = await Assert.ThrowsAsync<CertificateFetchException>(() => fetcher.GetAsync(first.Url("/cert/3.cer")));
        var other = await fetcher.GetAsync(second.Url("/cert/1.cer"));

        Assert.Contains(first.Origin.GetLeftPart(UriPartial.Authority), spent.Detail, StringComparison.Ordinal);
        Assert.NotNull(other);
        Assert.Equal((2, 1), (first.Requests, second.Requests));
    }

    [Fact]
    public async Task A_certificate_that_verified_a_genuine_callback_outlasts_certificates_forged_callbacks_name()
    {
        await using var server = await HostileCertificateServer.StartAsync(Certificate());
        await using var unused = await HostileCertificateServer.StartAsync(Certificate());
        using var fetcher = Fetcher(server, unused, fetchesPerMinute: 100, cached: 2);
        var genuine = server.Url("/cert/genuine.cer");
        await fetcher.GetAsync(genuine);
        fetcher.MarkGenuine(genuine);

        for (var i = 0; i < 5; i++)
        {
            await fetcher.GetAsync(server.Url($"/cert/forged-{i}.cer"));
        }

        var requestsBefore = server.Requests;
        await fetcher.GetAsync(genuine);

        Assert.Equal(requestsBefore, server.Requests);
        Assert.Equal(2, fetcher.CachedCertificates);
    }

    private static CertificateFetcher Fetcher(HostileCertificateServer first, HostileCertificateServer second, int fetchesPerMinute, int cached)
    {
        var options = new WebhookSignatureOptions { MaxCertificateFetchesPerMinute = fetchesPerMinute, MaxCachedCertificates = cached };
        options.Clouds.Clear();
        options.Clouds["one"] = new WebhookCloudTrust { CertificateOrigins = [first.Origin] };
        options.Clouds["two"] = new WebhookCloudTrust { CertificateOrigins = [second.Origin] };
        return new CertificateFetcher(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }), options);
    }

    private static byte[] Certificate()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=Signing", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Cert);
    }
}
