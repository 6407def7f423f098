using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Buurtplatform.Tests.Languages;

/// <summary>The language in the URL: Dutch at today's addresses, /en/ /ar/ /tr/ /pl/ /uk/ for the others.</summary>
public sealed class LanguageUrlTests
{
    private static HttpClient NoRedirects(SiteFactory site) => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task AnArabicPageIsRightToLeftAndEveryLinkOnItStaysInArabic()
    {
        using var site = new SiteFactory();
        var response = await site.CreateClient().GetAsync("/ar/den-haag/schilderswijk");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ar", Assert.Single(response.Content.Headers.ContentLanguage));
        var page = await response.ParseAsync();
        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));

        var links = page.QuerySelectorAll("a[href^='/']:not([hreflang]), form[action^='/'], link[href^='/']").Select(e => e.GetAttribute("href") ?? e.GetAttribute("action")!).ToList();
        Assert.Contains("/ar/agenda", links);
        Assert.Contains("/ar/den-haag/schilderswijk/activiteiten/babybootcamp", links);
        Assert.Contains("/ar/zoeken", links); // the header's search form
        var dutch = links.Where(l => !l.StartsWith("/ar/", StringComparison.Ordinal) && l != "/ar").ToList();
        Assert.All(dutch, l => Assert.Matches("^/(css|js|icons|favicon|manifest|media|taal)", l));

        // Following one of them gives the Arabic page of that address.
        var agenda = await site.CreateClient().GetDocumentAsync("/ar/agenda");
        Assert.Equal("ar", agenda.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task DutchKeepsTodaysAddressesAndEveryPageNamesItsOtherLanguages()
    {
        using var site = new SiteFactory();
        var page = await site.CreateClient().GetDocumentAsync("/agenda?leeftijd=2");
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", page.DocumentElement.GetAttribute("dir"));
        Assert.DoesNotContain(page.QuerySelectorAll("a[href^='/']:not([hreflang])"), a => a.GetAttribute("href")!.StartsWith("/nl/", StringComparison.Ordinal));

        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href")!);
        Assert.Equal(["nl", "en", "ar", "tr", "pl", "uk", "x-default"], alternates.Keys);
        Assert.Equal("http://localhost:5080/agenda?leeftijd=2", alternates["nl"]);
        Assert.Equal("http://localhost:5080/tr/agenda?leeftijd=2", alternates["tr"]);
        Assert.Equal("http://localhost:5080/agenda?leeftijd=2", alternates["x-default"]);

        // The switcher: each language in its own name, the page and its query kept, usable without script.
        var switcher = page.QuerySelectorAll("nav.languages a").ToList();
        Assert.Equal(["Nederlands", "English", "العربية", "Türkçe", "Polski", "Українська"], switcher.Select(a => a.Text()));
        Assert.Equal("/taal/ar?terug=%2Fagenda%3Fleeftijd%3D2", switcher[2].GetAttribute("href"));
        Assert.Equal("ar", switcher[2].GetAttribute("lang"));
        Assert.Equal("true", switcher[0].GetAttribute("aria-current"));
        Assert.Null(switcher[2].GetAttribute("aria-current"));
    }

    [Fact]
    public async Task PickingALanguageRemembersItAndOpensTheSamePageInIt()
    {
        using var site = new SiteFactory();
        var client = NoRedirects(site);
        var chosen = await client.GetAsync("/taal/ar?terug=%2Fagenda%3Fleeftijd%3D2");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/ar/agenda?leeftijd=2", chosen.Headers.Location!.OriginalString);
        var cookie = Assert.Single(chosen.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("taal=ar;", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);

        // Back to Dutch: today's address. Another site is never a destination.
        Assert.Equal("/agenda", (await client.GetAsync("/taal/nl?terug=%2Fagenda")).Headers.Location!.OriginalString);
        Assert.Equal("/en/", (await client.GetAsync("/taal/en?terug=%2F%2Fevil.example%2F")).Headers.Location!.OriginalString);
        Assert.Equal("/en/", (await client.GetAsync("/taal/en?terug=https%3A%2F%2Fevil.example%2F")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/taal/xx?terug=%2F")).StatusCode);
    }

    [Fact]
    public async Task TheBrowsersLanguageAndTheRememberedChoiceOnlySuggestAndNeverRedirect()
    {
        using var site = new SiteFactory();
        var client = NoRedirects(site);

        async Task<AngleSharp.Dom.IDocument> Get(string url, string? acceptLanguage = null, string? cookie = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (acceptLanguage is not null)
                request.Headers.Add("Accept-Language", acceptLanguage);
            if (cookie is not null)
                request.Headers.Add("Cookie", cookie);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.ParseAsync();
        }

        var arabicBrowser = await Get("/den-haag/schilderswijk", "ar-MA,ar;q=0.9,nl;q=0.5");
        Assert.Equal("nl", arabicBrowser.DocumentElement.GetAttribute("lang"));
        var offer = arabicBrowser.QuerySelector(".language-suggestion");
        Assert.NotNull(offer);
        Assert.Equal("ar", offer.GetAttribute("lang"));
        Assert.StartsWith("/taal/ar?terug=", offer.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);

        // The same page from the output cache: a Dutch browser gets no offer, a chosen Turkish one the Turkish offer.
        Assert.Null((await Get("/den-haag/schilderswijk", "nl-NL,nl;q=0.9")).QuerySelector(".language-suggestion"));
        Assert.Equal("tr", (await Get("/den-haag/schilderswijk", "ar", "taal=tr")).QuerySelector(".language-suggestion")?.GetAttribute("lang"));
        Assert.Null((await Get("/den-haag/schilderswijk", "ar", "taal=nl")).QuerySelector(".language-suggestion"));
        Assert.Null((await Get("/ar/den-haag/schilderswijk", "ar")).QuerySelector(".language-suggestion"));
    }

    [Fact]
    public async Task PrefixesThatAreNotALanguagePageAnswerWithTheRealAddress()
    {
        using var site = new SiteFactory();
        var client = NoRedirects(site);
        var dutch = await client.GetAsync("/nl/agenda?leeftijd=2");
        Assert.Equal(HttpStatusCode.MovedPermanently, dutch.StatusCode);
        Assert.Equal("/agenda?leeftijd=2", dutch.Headers.Location!.OriginalString);
        var backoffice = await client.GetAsync("/ar/backoffice");
        Assert.Equal(HttpStatusCode.MovedPermanently, backoffice.StatusCode);
        Assert.Equal("/backoffice", backoffice.Headers.Location!.OriginalString);

        // A page's own redirect stays in the language: the agenda keeps only a postcode's four digits.
        var postcode = await client.GetAsync("/ar/agenda?postcode=2525+AB");
        Assert.Equal(HttpStatusCode.Redirect, postcode.StatusCode);
        Assert.StartsWith("/ar/agenda?", postcode.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Unknown pages are the friendly 404 in the language asked for.
        var missing = await client.GetAsync("/tr/den-haag/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("tr", (await missing.ParseAsync()).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/ar")]
    [InlineData("/ar/den-haag/schilderswijk")]
    [InlineData("/ar/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters")]
    [InlineData("/ar/den-haag/schilderswijk/poster")]
    [InlineData("/tr/agenda")]
    public async Task APrefixedPageLoadsItsImagesScriptsAndStylesWithoutARedirect(string path)
    {
        using var site = new SiteFactory();
        var client = NoRedirects(site);
        var page = await (await client.GetAsync(path)).ParseAsync();
        var assets = page.QuerySelectorAll("img[src^='/'], script[src^='/'], link[href^='/']:not([hreflang]):not([rel='alternate'])")
            .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!).Distinct().ToList();
        Assert.Contains(assets, a => a.StartsWith("/css/", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} links {asset}, which answers {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task FeedsFollowTheSameRule()
    {
        using var site = new SiteFactory();
        var feed = await site.CreateClient().GetAsync("/ar/den-haag/schilderswijk.ics");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var page = await site.CreateClient().GetDocumentAsync("/ar/den-haag/schilderswijk");
        // The subscribe block hands out the Arabic feed; the event links inside it open the Arabic pages.
        Assert.Equal("http://localhost:5080/ar/den-haag/schilderswijk.ics", page.QuerySelector(".subscribe input.copy-link")!.GetAttribute("value"));
        Assert.StartsWith("webcal://localhost:5080/ar/den-haag/schilderswijk.ics", page.QuerySelector(".subscribe a.button")!.GetAttribute("href"), StringComparison.Ordinal);
        var text = await feed.Content.ReadAsStringAsync();
        Assert.Contains("URL:http://localhost:5080/ar/den-haag/schilderswijk/activiteiten/", text, StringComparison.Ordinal);
    }
}
