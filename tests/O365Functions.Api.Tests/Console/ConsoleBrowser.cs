using Microsoft.Playwright;

namespace O365Functions.Api.Tests.Console;

/// <summary>
/// A headless Chromium driven by Playwright: the system's browser (Debian's <c>chromium</c>, which eng/test.sh installs;
/// <c>CHROMIUM_PATH</c> names another), since Playwright cannot download its own here. It trusts the test gateway's
/// self-signed certificate only.
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"No Chromium at {path}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        return new ConsoleBrowser(playwright, browser, context);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
