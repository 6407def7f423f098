using System.Net;
using System.Text;
using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// The embeddable agenda as a partner's site uses it: a page on another origin (served here by a small
/// <see cref="HttpListener"/>, not by request interception) frames two wijken's agendas; Chromium shows the one
/// whose wijk allows that origin and refuses the other, and a link in the frame opens the full page.
/// </summary>
public sealed class EmbedFrameTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task APartnerSiteTheWijkAllowsShowsItsAgendaInAFrameAndAnotherWijksAgendaIsRefused()
    {
        using var partner = new PartnerSite(
            $"""
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><title>Basisschool Voorbeeld</title></head>
            <body><h1>Basisschool Voorbeeld</h1>
            <iframe id="allowed" src="{browser.Url("/embed/den-haag/schilderswijk")}" title="Activiteiten in Schilderswijk" width="600" height="600"></iframe>
            <iframe id="refused" src="{browser.Url("/embed/den-haag/moerwijk")}" title="Activiteiten in Moerwijk" width="600" height="600"></iframe>
            </body></html>
            """);
        await using (var scope = browser.Site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var wijk = await db.Wijken.SingleAsync(w => w.Slug == "schilderswijk", TestContext.Current.CancellationToken);
            wijk.EmbedOrigins = [partner.Origin];
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(partner.Origin + "/");

        var allowed = page.FrameLocator("#allowed");
        await Expect(allowed.Locator("h1")).ToHaveTextAsync("Activiteiten in Schilderswijk");
        await Expect(allowed.Locator("ul.occurrences a").First).ToBeVisibleAsync();

        // Chromium replaces a frame its ancestors may not show with its own error page.
        var refused = await (await page.QuerySelectorAsync("#refused"))!.ContentFrameAsync();
        Assert.NotNull(refused);
        for (var i = 0; i < 300 && !refused.Url.StartsWith("chrome-error:", StringComparison.Ordinal); i++)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.StartsWith("chrome-error:", refused.Url, StringComparison.Ordinal);
        Assert.Equal(0, await refused.Locator("ul.occurrences").CountAsync());

        // A link in the frame leaves the partner's page for the activity's full page.
        var first = allowed.Locator("ul.occurrences a").First;
        var href = await first.GetAttributeAsync("href");
        await first.ClickAsync();
        await page.WaitForURLAsync(browser.Url(href!));
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheEmbeddedAgendaIsAccessibleOnItsOwnAndOnANarrowColumn()
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 320, Height = 600 } });
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/embed/den-haag/schilderswijk", "/embed/den-haag/schilderswijk/peuterlokaal-2samen" })
        {
            await page.GotoAsync(path);
            await Axe.AssertNoViolationsAsync(page, path);
            // Nothing wider than the column: a partner's sidebar must not scroll sideways.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), $"{path} scrolls sideways at 320 px");
        }
    }

    /// <summary>The partner's site: one page on its own origin (http://localhost:port, a secure context).</summary>
    private sealed class PartnerSite : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly byte[] _page;

        public PartnerSite(string html)
        {
            _page = Encoding.UTF8.GetBytes(html);
            var port = FreePort();
            Origin = $"http://localhost:{port}";
            _listener.Prefixes.Add(Origin + "/");
            _listener.Start();
            _ = ServeAsync();
        }

        public string Origin { get; }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.StatusCode = context.Request.Url?.AbsolutePath == "/" ? 200 : 404;
                if (context.Response.StatusCode == 200)
                    await context.Response.OutputStream.WriteAsync(_page);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose() => _listener.Close();
    }
}
