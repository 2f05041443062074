using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace O365Functions.Emulators.Webhooks;

/// <summary>
/// The emulator's stand-in for Microsoft's notification certificate: a root made at start-up and a leaf it signs.
/// Callbacks are signed with the leaf's key; the root is what a test trusts, exactly as the gateway trusts Microsoft's.
/// </summary>
public sealed class WebhookSigner : IDisposable
{
    /// <summary>The organization the emulator's certificates name.</summary>
    public const string Organization = "O365Functions Emulated Microsoft";

    private readonly RSA _leafKey = RSA.Create(2048);
    private readonly ECDsa _ecdsaLeafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    internal WebhookSigner(TimeProvider time)
    {
        var now = time.GetUtcNow();
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest($"CN=Emulated Notifications Root, O={Organization}", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var rootWithKey = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        Root = X509CertificateLoader.LoadCertificate(rootWithKey.Export(X509ContentType.Cert));

        var leafRequest = new CertificateRequest($"CN=pcnotifications-dispatch.emulated, O={Organization}", _leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var leaf = leafRequest.Create(rootWithKey, now.AddDays(-1), now.AddYears(1), serial);
        Leaf = X509CertificateLoader.LoadCertificate(leaf.Export(X509ContentType.Cert));

        // A certificate of the same root and organization with an EC key: genuine in every way but the key kind, which
        // Partner Center's rsa-sha256 signatures cannot come from.
        var ecdsaRequest = new CertificateRequest($"CN=pcnotifications-ec.emulated, O={Organization}", _ecdsaLeafKey, HashAlgorithmName.SHA256);
        ecdsaRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        ecdsaRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var ecdsaLeaf = ecdsaRequest.Create(
            rootWithKey.SubjectName, X509SignatureGenerator.CreateForRSA(rootKey, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddYears(1), RandomNumberGenerator.GetBytes(12));
        EcdsaLeaf = X509CertificateLoader.LoadCertificate(ecdsaLeaf.Export(X509ContentType.Cert));
    }

    /// <summary>A certificate chaining to <see cref="Root"/> with an EC key instead of an RSA one.</summary>
    public X509Certificate2 EcdsaLeaf { get; }

    /// <summary>The ECDSA signature of <paramref name="body"/> by <see cref="EcdsaLeaf"/>'s key, base64.</summary>
    public string SignWithEcdsa(ReadOnlySpan<byte> body) => Convert.ToBase64String(_ecdsaLeafKey.SignData(body, HashAlgorithmName.SHA256));

    /// <summary>The root to trust (public part only).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The signing certificate, as served at the certificate URL.</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>The base64 RSA-SHA256 (PKCS#1 v1.5) signature of <paramref name="body"/>.</summary>
    public string Sign(ReadOnlySpan<byte> body) => Convert.ToBase64String(_leafKey.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <inheritdoc />
    public void Dispose()
    {
        _leafKey.Dispose();
        Root.Dispose();
        Leaf.Dispose();
        EcdsaLeaf.Dispose();
        _ecdsaLeafKey.Dispose();
    }
}
