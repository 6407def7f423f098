using System.Net;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.Site;

/// <summary>
/// Fingerprinted CSS and JS (cached a year, immutable, on every language's pages) and the output cache keeping pages
/// compressed: one entry per encoding, served as stored (issue 15).
/// </summary>
public sealed class StaticFilesAndCompressionTests
{
    private const string Immutable = "public, max-age=31536000, immutable";

    [Theory]
    [InlineData("/ar/den-haag/schilderswijk")]
    [InlineData("/en/agenda")]
    public async Task PagesInAnotherLanguageLinkTheSameFingerprintedFilesWithoutTheLanguagePrefix(string url)
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var dutch = Assets(await client.GetDocumentAsync("/den-haag/schilderswijk")).Where(u => u.StartsWith("/css/", StringComparison.Ordinal)).ToList();
        var assets = Assets(await client.GetDocumentAsync(url));

        Assert.NotEmpty(assets);
        // One file, one URL: the Arabic page shares the Dutch page's stylesheet (and the browser's cached copy).
        Assert.Contains(dutch.Single(), assets);
        foreach (var asset in assets)
        {
            Assert.Matches(@"^/(css|js)/[a-z-]+\.(css|js)\?v=[A-Za-z0-9_-]+$", asset);
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Immutable, response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task AChangedFileGetsANewFingerprintAndTheOldOneNoLongerPinsIt()
    {
        var webRoot = Directory.CreateTempSubdirectory("bp-webroot-").FullName;
        try
        {
            CopyFolder(Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web", "wwwroot"), webRoot);
            string before;
            using (var site = new SiteFactory())
            {
                site.Settings["webroot"] = webRoot;
                before = Stylesheet(await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk"));
            }

            // A deploy with a changed stylesheet: the site starts again and links it under a new fingerprint.
            await File.AppendAllTextAsync(Path.Combine(webRoot, "css", "site.css"), "\n.changed-by-a-test { color: red; }\n");
            using (var site = new SiteFactory())
            {
                site.Settings["webroot"] = webRoot;
                var client = site.CreateClient();
                var after = Stylesheet(await client.GetDocumentAsync("/den-haag/schilderswijk"));

                Assert.NotEqual(before, after);
                var current = await client.GetAsync(after);
                Assert.Equal(Immutable, current.Headers.CacheControl?.ToString());
                Assert.Contains(".changed-by-a-test", await current.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                // The old link still answers (the current bytes), but is not promised to anyone for a year.
                var old = await client.GetAsync(before);
                Assert.Equal(HttpStatusCode.OK, old.StatusCode);
                Assert.Null(old.Headers.CacheControl);
            }
        }
        finally
        {
            Directory.Delete(webRoot, recursive: true);
        }
    }

    [Theory]
    [InlineData("/den-haag/schilderswijk")]
    [InlineData("/agenda.ics")]
    public async Task TheOutputCacheKeepsAnEntryPerEncodingAndServesItCompressed(string url)
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();

        var plain = await GetAsync(client, url, null);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var text = await plain.Content.ReadAsStringAsync();

        foreach (var encoding in new[] { "br", "gzip", "br", "gzip" })
        {
            var response = await GetAsync(client, url, encoding);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Equal(text, await SiteQualityTests.DecompressAsync(response));
        }

        // Served from the cache (it sets Age) as stored: the same compressed bytes every time.
        var first = await GetAsync(client, url, "br, gzip");
        var second = await GetAsync(client, url, "gzip, br");
        Assert.NotNull(second.Headers.Age);
        Assert.Equal("br", Assert.Single(second.Content.Headers.ContentEncoding));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());

        // And a client that asks for nothing still gets the plain page from its own entry.
        var again = await GetAsync(client, url, null);
        Assert.Empty(again.Content.Headers.ContentEncoding);
        Assert.NotNull(again.Headers.Age);
        Assert.Equal(text, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APageWithAQueryIsStoredFromItsSecondRequestNotItsFirst()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        const string url = "/agenda?leeftijd=2&dag=dinsdag";

        // Site:PageCacheQueriesWhenRepeated: the first request is rendered and not stored, the second is stored,
        // the third is served from the cache (it sets Age). All three are the same page.
        var first = await GetAsync(client, url, null);
        var second = await GetAsync(client, url, null);
        var third = await GetAsync(client, url, null);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
        Assert.NotNull(third.Headers.Age);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("<h3 class=\"day\">", html);
        Assert.Equal(html, await third.Content.ReadAsStringAsync());

        // A filtered feed follows the same rule (the feeds use the public pages' cache policy).
        const string feed = "/agenda.ics?leeftijd=2&dag=dinsdag";
        var firstFeed = await GetAsync(client, feed, null);
        Assert.Equal("text/calendar", firstFeed.Content.Headers.ContentType?.MediaType);
        Assert.Null(firstFeed.Headers.Age);
        Assert.Null((await GetAsync(client, feed, null)).Headers.Age);
        Assert.NotNull((await GetAsync(client, feed, null)).Headers.Age);

        // A page without a query is stored the first time, as before.
        await GetAsync(client, "/den-haag/moerwijk", null);
        Assert.NotNull((await GetAsync(client, "/den-haag/moerwijk", null)).Headers.Age);
    }

    [Fact]
    public async Task StaticFilesAndUncachedResponsesAreStillCompressed()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var css = Stylesheet(await client.GetDocumentAsync("/den-haag/schilderswijk"));

        foreach (var url in new[] { css, "/niet-bestaande-pagina", "/zoeken?q=peuter" })
        {
            var response = await GetAsync(client, url, "gzip");
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.NotEmpty(await SiteQualityTests.DecompressAsync(response));
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static List<string> Assets(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .ToList();

    private static string Stylesheet(AngleSharp.Dom.IDocument page) =>
        Assets(page).Single(u => u.StartsWith("/css/site.css", StringComparison.Ordinal));

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
