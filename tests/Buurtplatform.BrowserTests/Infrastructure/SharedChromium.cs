using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Buurtplatform.BrowserTests.Infrastructure.SharedChromium))]

namespace Buurtplatform.BrowserTests.Infrastructure;

/// <summary>
/// One Playwright driver and one Debian Chromium for the whole test run, closed when the run ends. Each test
/// class still has a site of its own (<see cref="BrowserSite"/>) and each test a browser context of its own
/// (cookies, storage, permissions, viewport), so sharing the browser process shares nothing a test can see;
/// it saves a driver start and a browser launch per test class.
/// </summary>
public sealed class SharedChromium : IAsyncLifetime
{
    // Chromium's own background traffic (updates, sync, safe browsing) is noise on a test machine without internet.
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>The run's browser, launched by the first test that asks (again if it went away).</summary>
    public static async Task<IBrowser> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
                return _browser;
            // The driver (Node) ships inside the Microsoft.Playwright package; no browser is downloaded: we launch Debian's.
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserSite.ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _browser = null;
        _playwright?.Dispose();
        _playwright = null;
    }
}
