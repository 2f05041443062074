using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using O365Functions.Emulators.Webhooks;
using O365Functions.PartnerCenter.Models;
using O365Functions.PartnerCenter.Webhooks;

namespace O365Functions.PartnerCenter.Tests;

public sealed class WebhookVerificationTests
{
    private const string E3 = "796b6b5f-613c-4e24-a17c-eba730d49c02";

    [Fact]
    public async Task A_callback_signed_by_the_emulator_on_a_subscription_change_is_accepted()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await TrustingEmulator(side);
        var client = side.CreateClient();
        await client.RegisterWebhookAsync(new WebhookRegistration { WebhookUrl = receiver.Endpoint, WebhookEvents = ["subscription-updated"] });
        var customer = await client.CreateCustomerAsync(MicrosoftSide.NewCustomer("Relecloud"));
        var order = await client.CreateOrderAsync(customer.Id!, MicrosoftSide.OrderOf(E3, 2));
        var subscription = await client.GetSubscriptionAsync(customer.Id!, order.LineItems.Single().SubscriptionId!);

        await client.UpdateSubscriptionAsync(customer.Id!, subscription with { Quantity = 3 });

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (side.Emulator.WebhookDeliveries == (0, 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal((1, 0), side.Emulator.WebhookDeliveries);
    }

    [Fact]
    public async Task A_partner_center_other_than_the_public_clouds_is_trusted_once_configuration_names_it_and_not_before()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var anchors = Path.Combine(Path.GetTempPath(), $"o365-anchors-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(anchors, side.Emulator.Signer.Root.ExportCertificatePem());
        var staging = new Dictionary<string, string?>
        {
            ["Webhooks:Signature:Clouds:staging:CertificateOrigins:0"] = WebhookReceiver.EmulatorOrigin(side.Emulator).AbsoluteUri,
            ["Webhooks:Signature:Clouds:staging:Organization"] = WebhookSigner.Organization,
            ["Webhooks:Signature:Clouds:staging:TrustAnchorsFile"] = anchors,
            ["Webhooks:Signature:Clouds:staging:RevocationMode"] = "NoCheck",
        };
        try
        {
            await using var defaults = await WebhookReceiver.StartAsync(_ => { });
            await using var configured = await WebhookReceiver.StartAsync(_ => { }, staging);
            var callback = side.Emulator.CreateSignedCallback("test-created");

            var (refused, _) = await PostAsync(defaults, callback.Body, callback.Headers);
            var (accepted, _) = await PostAsync(configured, callback.Body, callback.Headers);

            Assert.Equal(HttpStatusCode.Unauthorized, refused);
            Assert.Equal(HttpStatusCode.Accepted, accepted);
        }
        finally
        {
            File.Delete(anchors);
        }
    }

    [Fact]
    public async Task The_signature_may_come_in_x_ms_signature_instead()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await TrustingEmulator(side);
        var callback = side.Emulator.CreateSignedCallback("test-created");
        var headers = new Dictionary<string, string>(callback.Headers, StringComparer.OrdinalIgnoreCase);
        headers["x-ms-signature"] = headers["Authorization"];
        headers.Remove("Authorization");

        var (status, _) = await PostAsync(receiver, callback.Body, headers);
        var (again, _) = await PostAsync(receiver, callback.Body, headers);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(1, Downloads(side));
    }

    [Fact]
    public async Task A_forged_signature_is_rejected()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await TrustingEmulator(side);
        var callback = side.Emulator.CreateSignedCallback("test-created");
        using var forger = RSA.Create(2048);
        var headers = new Dictionary<string, string>(callback.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = "Signature " + Convert.ToBase64String(forger.SignData(callback.Body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
        };

        var (status, body) = await PostAsync(receiver, callback.Body, headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("does not match the body", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_body_is_rejected()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await TrustingEmulator(side);
        var callback = side.Emulator.CreateSignedCallback("subscription-updated", "https://api.partnercenter.microsoft.com/webhooks/v1/customers/a/subscriptions/b", "subscription");
        var tampered = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(callback.Body).Replace("subscriptions/b", "subscriptions/c", StringComparison.Ordinal));

        var (status, body) = await PostAsync(receiver, tampered, callback.Headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("does not match the body", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_from_a_host_not_allowed_is_never_fetched()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await TrustingEmulator(side);
        var callback = side.Emulator.CreateSignedCallback("test-created");
        var headers = new Dictionary<string, string>(callback.Headers, StringComparer.OrdinalIgnoreCase);
        headers["x-ms-certificate-url"] = headers["x-ms-certificate-url"].Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var downloadsBefore = Downloads(side);

        var (status, body) = await PostAsync(receiver, callback.Body, headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("origin (scheme, host and port) is not on the allow list", body, StringComparison.Ordinal);
        Assert.Equal(downloadsBefore, Downloads(side));
    }

    [Fact]
    public async Task A_certificate_that_does_not_chain_to_a_trusted_root_is_rejected()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(options =>
        {
            options.Clouds["emulator"] = new WebhookCloudTrust
            {
                CertificateOrigins = [WebhookReceiver.EmulatorOrigin(side.Emulator)],
                Organization = WebhookSigner.Organization,
                RevocationMode = X509RevocationMode.NoCheck,
            };
        });
        var callback = side.Emulator.CreateSignedCallback("test-created");

        var (status, body) = await PostAsync(receiver, callback.Body, callback.Headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("does not chain to a trusted root (", body, StringComparison.Ordinal);
        Assert.Matches(@"trusted root \((UntrustedRoot|PartialChain)", body);
    }

    [Fact]
    public async Task A_certificate_of_another_organization_is_rejected()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await TrustingEmulator(side, organization: "Microsoft Corporation");
        var callback = side.Emulator.CreateSignedCallback("test-created");

        var (status, body) = await PostAsync(receiver, callback.Body, callback.Headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("does not belong to Microsoft Corporation", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_without_signature_headers_is_rejected()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await TrustingEmulator(side);
        var callback = side.Emulator.CreateSignedCallback("test-created");

        var (status, body) = await PostAsync(receiver, callback.Body, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("no 'Signature'", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signed with an EC certificate of the trusted root", false)]
    [InlineData("signed with an EC certificate of the trusted root", true)]
    [InlineData("tampered body", false)]
    [InlineData("tampered body", true)]
    [InlineData("tampered signature", false)]
    [InlineData("tampered signature", true)]
    public async Task No_callback_that_Microsofts_RSA_key_did_not_sign_over_these_exact_bytes_passes_in_either_signature_header(string forgery, bool inMsHeader)
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await TrustingEmulator(side);
        var callback = side.Emulator.CreateSignedCallback("test-created", signatureInMsHeader: inMsHeader, withEcdsaCertificate: forgery.StartsWith("signed", StringComparison.Ordinal));
        var body = callback.Body.ToArray();
        var headers = new Dictionary<string, string>(callback.Headers, StringComparer.OrdinalIgnoreCase);
        var header = inMsHeader ? "x-ms-signature" : "Authorization";
        if (forgery == "tampered body")
        {
            body[^3] ^= 1;
        }
        else if (forgery == "tampered signature")
        {
            var signature = Convert.FromBase64String(headers[header]["Signature ".Length..]);
            signature[signature.Length / 2] ^= 1;
            headers[header] = "Signature " + Convert.ToBase64String(signature);
        }

        var (status, answer) = await PostAsync(receiver, body, headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("does not match the body", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-ms-signature-algorithm", "rsa-sha1", "is not rsa-sha256")]
    [InlineData("x-ms-signature-algorithm", null, "is not rsa-sha256")]
    [InlineData("x-ms-certificate-url", "/certificates/notifications.cer", "no absolute x-ms-certificate-url")]
    [InlineData("x-ms-certificate-url", null, "no absolute x-ms-certificate-url")]
    [InlineData("x-ms-certificate-url", "{origin}/emulator/certificates/notifications.cer?v=2", "may not carry a query string, a fragment or credentials")]
    [InlineData("x-ms-certificate-url", "{origin}/emulator/certificates/notifications.cer#top", "may not carry a query string, a fragment or credentials")]
    [InlineData("x-ms-certificate-url", "{origin-with-credentials}/emulator/certificates/notifications.cer", "may not carry a query string, a fragment or credentials")]
    [InlineData("Authorization", "Signature not-base64!", "not valid base64")]
    public async Task A_callback_whose_signature_headers_are_malformed_is_refused_before_any_download_and_says_which(string header, string? value, string reason)
    {
        await using var side = await MicrosoftSide.StartAsync();
        await using var receiver = await TrustingEmulator(side);
        var callback = side.Emulator.CreateSignedCallback("test-created");
        var headers = new Dictionary<string, string>(callback.Headers, StringComparer.OrdinalIgnoreCase);
        if (value is null)
        {
            headers.Remove(header);
        }
        else
        {
            var origin = WebhookReceiver.EmulatorOrigin(side.Emulator).AbsoluteUri.TrimEnd('/');
            headers[header] = value
                .Replace("{origin-with-credentials}", origin.Replace("://", "://user:secret@", StringComparison.Ordinal), StringComparison.Ordinal)
                .Replace("{origin}", origin, StringComparison.Ordinal);
        }

        var downloadsBefore = Downloads(side);

        var (status, body) = await PostAsync(receiver, callback.Body.ToArray(), headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.Equal(downloadsBefore, Downloads(side));
    }

    private static int Downloads(MicrosoftSide side) =>
        side.Emulator.Snapshot().Calls.GetValueOrDefault("GET /emulator/certificates/notifications.cer");

    private static Task<WebhookReceiver> TrustingEmulator(MicrosoftSide side, string organization = WebhookSigner.Organization) =>
        WebhookReceiver.TrustingAsync(side.Emulator, organization);

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(WebhookReceiver receiver, byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
