using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Site;

/// <summary>Rules that hold on every public page: budget, no third-party requests, caching, headers, texts.</summary>
public sealed partial class SiteQualityTests
{
    public static TheoryData<string> PageTypes => new()
    {
        "/", "/den-haag", "/den-haag/schilderswijk", "/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen",
        "/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters", "/den-haag/schilderswijk/visie", "/agenda",
    };

    [Fact]
    public void NoSourceFileHoldsAMergeConflictMarker()
    {
        // A merge once committed its markers into a Razor view: the page still compiled and rendered them as text.
        var extensions = new[] { ".cs", ".cshtml", ".resx", ".json", ".css", ".js", ".md", ".sh", ".props", ".csproj", ".yml", ".lua" };
        var marker = new Regex(@"^(<{7} |>{7} |={7}$)", RegexOptions.Multiline);
        var found = new[] { "src", "tests", "scripts", "docs", "umbraco-content" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepoRoot, d), "*", SearchOption.AllDirectories))
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("node_modules", StringComparison.Ordinal))
            .Where(f => marker.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(TestEnvironment.RepoRoot, f))
            .ToList();
        Assert.True(found.Count == 0, "Merge conflict markers in: " + string.Join(", ", found));
    }

    [Fact]
    public async Task FingerprintedCssAndScriptsAreCachedAYearAsImmutableAndOnlyWithTheCurrentHash()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var page = await client.GetDocumentAsync("/den-haag/schilderswijk");
        var assets = page.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(u => u.StartsWith('/'))
            .ToList();
        Assert.NotEmpty(assets);
        Assert.All(assets, u => Assert.Contains("?v=", u, StringComparison.Ordinal));

        foreach (var url in assets)
        {
            var fingerprinted = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, fingerprinted.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", fingerprinted.Headers.CacheControl?.ToString());

            var path = url[..url.IndexOf('?', StringComparison.Ordinal)];
            Assert.Null((await client.GetAsync(path)).Headers.CacheControl);
            Assert.Null((await client.GetAsync(path + "?v=an-old-hash")).Headers.CacheControl);
        }
    }

    [Fact]
    public async Task TheWijkPageWithItsCssAndScriptsStaysUnderFiftyKilobytesCompressed()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");

        var page = await client.GetAsync("/den-haag/schilderswijk");
        Assert.Contains(page.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
        long total = (await page.Content.ReadAsByteArrayAsync()).Length;

        var html = await DecompressAsync(page);
        var assets = AssetPattern().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(WebUtility.HtmlDecode(asset));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        Assert.True(total < 50 * 1024, $"wijk page + CSS + JS = {total} bytes on the wire");
    }

    /// <summary>The body as sent (br, gzip or plain), as text.</summary>
    internal static async Task<string> DecompressAsync(HttpResponseMessage response)
    {
        await using var raw = await response.Content.ReadAsStreamAsync();
        Stream stream = response.Content.Headers.ContentEncoding.Contains("br") ? new BrotliStream(raw, CompressionMode.Decompress)
            : response.Content.Headers.ContentEncoding.Contains("gzip") ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex("""<(?:link|script|img)[^>]+(?:href|src)="([^"]+)""")]
    private static partial Regex AssetPattern();

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task PagesLoadNothingFromAnotherHost(string url)
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync(url);

        var loaded = doc.QuerySelectorAll("link[href]:not([rel=alternate]), script[src], img[src], iframe, source[srcset], video, audio")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src") ?? e.GetAttribute("srcset") ?? "(embedded)").ToList();
        Assert.All(loaded, u => Assert.True(u.StartsWith('/') && !u.StartsWith("//", StringComparison.Ordinal), $"{url} loads {u}"));
        Assert.Empty(doc.QuerySelectorAll("[style]"));
        Assert.Empty(doc.QuerySelectorAll("script:not([src]):not([type='application/ld+json'])"));
    }

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task PagesCarryAStrictContentSecurityPolicyAndSecurityHeaders(string url)
    {
        using var site = new SiteFactory();
        var response = await site.CreateClient().GetAsync(url);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task AnonymousPagesAreServedFromTheOutputCache()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var first = await client.GetDocumentAsync("/den-haag/schilderswijk");
        Assert.Equal("Schilderswijk", first.QuerySelector("h1").Text());

        // Change the row behind the page's back: a cached page does not see it until it expires or is evicted.
        await site.WithDbAsync(async db =>
        {
            var wijk = await db.Wijken.SingleAsync(w => w.Slug == "schilderswijk");
            wijk.Name = "Schilderswijk (gewijzigd)";
            await db.SaveChangesAsync();
        });

        var second = await client.GetDocumentAsync("/den-haag/schilderswijk");
        Assert.Equal("Schilderswijk", second.QuerySelector("h1").Text());
        var otherQuery = await client.GetDocumentAsync("/den-haag/schilderswijk?x=1");
        Assert.Equal("Schilderswijk (gewijzigd)", otherQuery.QuerySelector("h1").Text());
    }

    [Fact]
    public void EveryTextKeyUsedInTheCodeExistsInTheDutchResources()
    {
        var web = Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web");
        var resx = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.resx"));
        var keys = resx.Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
        var used = Directory.GetFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)))
            .ToList();

        Assert.True(used.Count > 100, $"found {used.Count} uses");
        // A counted text (T.Plural) is found by its forms: Key.one, Key.other, ….
        var missing = used.Where(u => !keys.Contains(u.Key) && !keys.Contains(u.Key + ".other")).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Missing in SharedResource.resx: " + string.Join(", ", missing));
        foreach (var type in Enum.GetValues<Web.Activities.ActivityType>())
            Assert.Contains("ActivityType." + type, keys);
    }

    // T["Key"] and T.Plural("Key", n) in views and code, and "Area.Key" constants passed to the localizer (Agenda.Problem.*, Format.*, Age.*).
    [GeneratedRegex(""""(?:T\[|t\[|[Tt]\.Plural\()"([A-Z][A-Za-z]+(?:\.[A-Za-z0-9]+)+)"|"((?:Agenda\.Problem|SchoolHolidays\.Problem|Format|Age|Cost)\.[A-Za-z]+)"""")]
    private static partial Regex KeyPattern();

    [Fact]
    public void MarkdownFromEditorsCannotInjectScriptHandlersOrJavascriptLinks()
    {
        var html = MarkdownRenderer.Render("""
            Hallo <script>alert(1)</script> en <img src=x onerror=alert(1)>

            [klik](javascript:alert(1)) [ook](JAVASCRIPT:alert(1)) [data](data:text/html,hoi) [goed](https://www.2samen.nl) [intern](/agenda)

            <a href="javascript:alert(1)" onclick="x()">a</a> <javascript:alert(2)> <JavaScript:alert(3)> <https://www.cjg.nl>
            """).ToString();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<[^>]+ on[a-z]+=", html);
        Assert.Contains("href=\"https://www.2samen.nl\"", html);
        Assert.Contains("href=\"/agenda\"", html);
        Assert.Contains("href=\"https://www.cjg.nl\"", html); // a safe autolink stays a link
        Assert.Contains("&lt;script&gt;", html); // shown as text, not dropped silently
    }
}
