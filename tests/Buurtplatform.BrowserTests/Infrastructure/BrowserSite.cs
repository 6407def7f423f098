using Buurtplatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Buurtplatform.BrowserTests.Infrastructure;

/// <summary>
/// The site on a real Kestrel port (fresh SQLite with the seed content, clock fixed on Monday
/// 23 November 2026, 9.00, Site:PublicBaseUrl http://localhost:port) and Debian's Chromium driven by Playwright. One site per test
/// class; the Chromium process is the run's (<see cref="SharedChromium"/>) and each test takes a context of its own, so cookies and
/// settings never leak between tests.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    private SiteFactory? _site;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("BUURTPLATFORM_CHROMIUM") ?? "/usr/bin/chromium";

    public static bool ChromiumAvailable => File.Exists(ChromiumPath);

    /// <summary>The site's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// <paramref name="path"/> on the site as http://localhost: the backoffice's cookies are __Host- and
    /// Secure, which browsers accept over http only on localhost (a secure context), not on 127.0.0.1.
    /// </summary>
    public string Url(string path) => BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/') + path;

    public SiteFactory Site => _site ?? throw new InvalidOperationException("The site has not started.");

    public async ValueTask InitializeAsync()
    {
        // Without Chromium there is nothing to start; each test then skips (or fails, when strict) in NewContextAsync.
        if (!ChromiumAvailable)
            return;

        // The port is chosen before the start so that Site:PublicBaseUrl can name it: passkeys are bound
        // to that address (relying party "localhost", origin http://localhost:port). Kestrel listens on
        // loopback, so the name and 127.0.0.1 reach the same server.
        var port = FreeLoopbackPort();
        _site = new SiteFactory();
        _site.Settings["Site:PublicBaseUrl"] = $"http://localhost:{port}";
        // Every test of a class signs in from 127.0.0.1; the default 10 sign-in posts a minute would answer 429 part-way.
        _site.Settings["Accounts:SignInRateLimit"] = "100";
        // Map tiles from a loopback port nobody serves (9, discard): the tile requests fail at once and no request
        // leaves the machine. Not with Playwright's request interception (context.RouteAsync): with a route set,
        // Chromium sometimes stalls a request of the next document unseen, so "load" never fires although the
        // network is idle (playwright#19678, playwright-python#2315); a search test timed out that way in CI.
        _site.Settings["Map:TileUrlTemplate"] = "https://127.0.0.1:9/{z}/{x}/{y}.png";
        _site.UseKestrel(port);
        _site.StartServer();
        BaseUrl = _site.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        // Expect(...) retries for 30 s (Playwright's default is 5): a 2-core machine under a full test run can stall for seconds.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A fresh context (Dutch, Amsterdam time) on the site's address; pass options for viewport or JavaScript.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        TestEnvironment.Require(ChromiumAvailable, $"Chromium ({ChromiumPath}, BUURTPLATFORM_CHROMIUM)");
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseUrl;
        options.Locale ??= "nl-NL";
        options.TimezoneId ??= "Europe/Amsterdam";
        var browser = await SharedChromium.GetAsync();
        var context = await browser.NewContextAsync(options);
        // 30 s, as Playwright's default: shorter waits failed on a heavily loaded 2-core machine.
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>A port nobody listens on now; another process could take it before Kestrel does, which is unlikely enough here.</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_site is not null)
            await _site.DisposeAsync();
    }
}
