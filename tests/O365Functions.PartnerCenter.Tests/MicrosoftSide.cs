using Microsoft.Extensions.Logging;
using O365Functions.Emulators;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Graph;
using O365Functions.PartnerCenter.Http;
using O365Functions.PartnerCenter.Models;
using O365Functions.Storage.Secrets;

namespace O365Functions.PartnerCenter.Tests;

/// <summary>
/// The gateway's Microsoft clients wired to a running emulator over real HTTP on loopback, with the refresh token and
/// client secret in a real (temporary) local secret store.
/// </summary>
public sealed class MicrosoftSide : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("o365-pc-");
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly PartnerRateLimiters _limiters = new();

    private MicrosoftSide(MicrosoftEmulator emulator)
    {
        Emulator = emulator;
        Secrets = new LocalSecretStore(LocalSecretStoreOptions.In(_folder.FullName));
        TokenOptions = new EntraTokenOptions
        {
            AuthorityHost = emulator.BaseUri,
            PartnerTenantId = emulator.Options.PartnerTenantId,
            ClientId = emulator.Options.ClientId,
        };
        Tokens = new SecureApplicationTokenSource(_http, Secrets, TokenOptions);
        ClientOptions = new PartnerCenterOptions
        {
            BaseUri = emulator.BaseUri,
            PartnerTenantId = emulator.Options.PartnerTenantId,
            FirstRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromSeconds(5),
            MaxAttempts = 10,
            OperationPollInterval = TimeSpan.FromMilliseconds(20),
        };
    }

    public MicrosoftEmulator Emulator { get; }

    public LocalSecretStore Secrets { get; }

    public EntraTokenOptions TokenOptions { get; }

    public SecureApplicationTokenSource Tokens { get; }

    public PartnerCenterOptions ClientOptions { get; }

    public static async Task<MicrosoftSide> StartAsync(Action<MicrosoftEmulatorOptions>? configure = null)
    {
        var options = new MicrosoftEmulatorOptions();
        configure?.Invoke(options);
        var emulator = new MicrosoftEmulator(options);
        await emulator.StartAsync();
        var side = new MicrosoftSide(emulator);
        await side.Secrets.SetAsync(side.TokenOptions.ClientSecretName, options.ClientSecret);
        await side.Secrets.SetAsync(side.TokenOptions.RefreshTokenName, options.InitialRefreshToken);
        return side;
    }

    /// <summary>A client over the current <see cref="ClientOptions"/>; change them first to test other budgets.</summary>
    public PartnerCenterClient CreateClient(ILogger<PartnerCenterTransport>? logger = null) =>
        new(new PartnerCenterTransport(_http, ClientOptions, Tokens, _limiters, logger: logger), ClientOptions);

    /// <summary>A Graph client on the emulator, with tokens from the same Secure Application Model source.</summary>
    public GraphClient CreateGraphClient(int maxRetries = 3) =>
        new(Tokens, new GraphOptions { BaseUri = Emulator.GraphBaseUri, MaxRetries = maxRetries, RetryDelay = TimeSpan.FromSeconds(1) });

    public static Customer NewCustomer(string name, string country = "US") => new()
    {
        CompanyProfile = new CustomerCompanyProfile { Domain = $"{name.ToLowerInvariant()}{Guid.NewGuid():N}"[..30] + ".onmicrosoft.com" },
        BillingProfile = new CustomerBillingProfile
        {
            Email = $"billing@{name.ToLowerInvariant()}.example",
            Culture = "en-US",
            Language = "en",
            CompanyName = name,
            DefaultAddress = new Address
            {
                FirstName = "Ada",
                LastName = "Lovelace",
                AddressLine1 = "1 Main St",
                City = "Redmond",
                State = "WA",
                PostalCode = "98052",
                Country = country,
            },
        },
    };

    public static Order OrderOf(string offerId, int quantity, string? parentSubscriptionId = null) => new()
    {
        BillingCycle = BillingCycle.Monthly,
        LineItems = [new OrderLineItem { LineItemNumber = 0, OfferId = offerId, Quantity = quantity, ParentSubscriptionId = parentSubscriptionId }],
    };

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Tokens.Dispose();
        Secrets.Dispose();
        _limiters.Dispose();
        _http.Dispose();
        _folder.Delete(recursive: true);
    }
}
