using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps;

namespace O365Functions.Local.Http;

/// <summary>
/// How the local gateway lets APS controllers prove themselves: every HTTPS endpoint asks for a client certificate
/// and accepts any at the TLS layer (the APS endpoint compares it with the instance's controller certificate, which no
/// chain policy could), with a server certificate from <c>Aps:Tls:CertificatePath</c> or, by default, a self-signed
/// one kept under the data directory. It also says loudly when the insecure development mode is on.
/// </summary>
public static partial class LocalApsSecurity
{
    /// <summary>Configures Kestrel's HTTPS defaults.</summary>
    public static IServiceCollection AddLocalApsSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var data = LocalDataDirectory.From(configuration);
        var path = configuration["Aps:Tls:CertificatePath"];
        var password = configuration["Aps:Tls:CertificatePassword"];
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate ??= path is null ? SelfSigned(data) : X509CertificateLoader.LoadPkcs12FromFile(path, password);
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        }));
        return services;
    }

    /// <summary>Logs a warning at start when <see cref="ApsOptions.InsecureDevelopment"/> is on.</summary>
    public static WebApplication WarnWhenApsIsInsecure(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ApsOptions>>().Value.InsecureDevelopment)
        {
            LogInsecure(app.Logger);
        }

        return app;
    }

    private static X509Certificate2 SelfSigned(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "tls", "gateway.pfx");
        if (File.Exists(file))
        {
            var stored = X509CertificateLoader.LoadPkcs12FromFile(file, password: null);
            if (stored.NotAfter > DateTime.Now.AddDays(7))
            {
                return stored;
            }

            stored.Dispose();
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var pfx = created.Export(X509ContentType.Pkcs12);
        File.WriteAllBytes(file, pfx);
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aps:InsecureDevelopment is ON: APS requests are accepted without checking certificates or OAuth signatures. Use it on a developer's machine only.")]
    private static partial void LogInsecure(ILogger logger);
}
