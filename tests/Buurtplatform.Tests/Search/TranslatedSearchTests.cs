using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.Editing.Translations;
using Buurtplatform.Web.NearMe;
using Buurtplatform.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Search;

/// <summary>
/// Search in another language than Dutch (issue 12): the nodes' translations into the page's language are searched
/// too (exact words, the last word as a prefix; Arabic without diacritics, Turkish i folded), next to the Dutch search,
/// over the seed's Arabic, Turkish and English translations, on SQLite and PostgreSQL.
/// </summary>
public sealed class TranslatedSearchTests
{
    private const string Bootcamp = "/den-haag/schilderswijk/activiteiten/babybootcamp";
    private const string SlotervaartBootcamp = "/amsterdam/slotervaart-noord/activiteiten/babybootcamp";
    private const string Zingen = "/den-haag/schilderswijk/activiteiten/samen-zingen";

    /// <summary>A search through the app's own service and caches, as the page in <paramref name="culture"/> does it.</summary>
    internal static async Task<SearchResults> SearchAsync(SiteFactory site, string culture, SearchQuery query, GeoPoint? origin = null)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<SearchService>().SearchAsync(query, origin, culture, CancellationToken.None);
    }

    private static async Task<List<string>> UrlsAsync(SiteFactory site, string culture, string text) =>
        (await SearchAsync(site, culture, new SearchQuery { Text = text })).Hits.Select(h => h.Url).ToList();

    private static Task ChangeTranslationAsync(SiteFactory site, string url, string culture, Action<ContentTranslation> change) => site.WithDbAsync(async db =>
    {
        var key = await db.SearchDocuments.Where(d => d.Url == url).Select(d => d.NodeKey).SingleAsync();
        change(await db.ContentTranslations.SingleAsync(t => t.NodeKey == key && t.Culture == culture));
        await db.SaveChangesAsync();
    });

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ArabicFindsTheTranslatedBabybootcampWithAndWithoutDiacritics(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);

        // "الرضيع" (the baby) is in both translated babybootcamps, and in no other translation or Dutch text.
        var plain = await UrlsAsync(site, "ar", "الرضيع");
        Assert.Equal([SlotervaartBootcamp, Bootcamp], plain.Order());
        Assert.Equal(plain, await UrlsAsync(site, "ar", "الرَّضِيعُ")); // shadda, kasra, damma
        Assert.Equal(plain, await UrlsAsync(site, "ar", "الرضـــيع")); // tatweel

        // The text has "أسئلتكم" (your questions, alef with hamza) and "ممرّض" (shadda): typed without them.
        Assert.Contains(Bootcamp, await UrlsAsync(site, "ar", "اسئلتكم"));
        Assert.Contains(Bootcamp, await UrlsAsync(site, "ar", "ممرض"));
        // And "صحة" (teh marbuta) typed with heh.
        Assert.Contains(Bootcamp, await UrlsAsync(site, "ar", "صحه الطفل"));

        // The result shows the Arabic text, its words marked, in Arabic.
        var hit = (await SearchAsync(site, "ar", new SearchQuery { Text = "الرضيع" })).Hits.Single(h => h.Url == Bootcamp);
        Assert.Equal(("ar", "ar"), (hit.TitleLanguage, hit.SnippetLanguage));
        Assert.Equal("Babybootcamp", hit.Title); // the Arabic translation keeps the name
        var snippet = Html(hit.Snippet);
        Assert.Contains("<mark>الرضيع</mark>", snippet);
        Assert.Contains("الحركة واللعب مع طفلكم", snippet);

        // The same words in Dutch search, or in a language without these translations: nothing.
        Assert.Empty(await UrlsAsync(site, "nl", "الرضيع"));
        Assert.Empty(await UrlsAsync(site, "en", "الرضيع"));
        Assert.Empty(await UrlsAsync(site, "pl", "الرضيع"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheLastArabicWordMatchesAsAPrefixTheOthersDoNot(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);

        // "نغنّي" (we sing) is in the title of samen-zingen; "نغن" is its start.
        Assert.Contains(Zingen, await UrlsAsync(site, "ar", "نغن"));
        Assert.Contains(Zingen, await UrlsAsync(site, "ar", "مع نغن"));
        Assert.Contains(Bootcamp, await UrlsAsync(site, "ar", "الرض"));
        // Not as the first of two words: "نغن" is no word of its own.
        Assert.DoesNotContain(Zingen, await UrlsAsync(site, "ar", "نغن معا"));
        Assert.Contains(Zingen, await UrlsAsync(site, "ar", "نغني معا"));
        // Two letters are too few for a prefix (Search:MinPrefixLength 3).
        Assert.DoesNotContain(Zingen, await UrlsAsync(site, "ar", "نغ"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TurkishDottedAndDotlessIAreOneLetterAndCaseDoesNotMatter(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);

        // The Turkish babybootcamps say "Bebeğinizle" (with your baby).
        var expected = new[] { Bootcamp, SlotervaartBootcamp };
        foreach (var typed in new[] { "bebeğinizle", "BEBEĞİNİZLE", "BEBEĞINIZLE", "bebeğınızle", "Bebeğİnİzle" })
            Assert.True(expected.Order().SequenceEqual((await UrlsAsync(site, "tr", typed)).Order()), typed);

        // "Birlikte şarkı söyleyelim" is samen-zingen's Turkish title: "ŞARKI" finds it, "sarki" (no cedilla) does not.
        var sing = await SearchAsync(site, "tr", new SearchQuery { Text = "ŞARKI" });
        var hit = Assert.Single(sing.Hits, h => h.Url == Zingen);
        Assert.Equal("Birlikte şarkı söyleyelim", hit.Title);
        Assert.DoesNotContain(Zingen, await UrlsAsync(site, "tr", "sarki soyleyelim"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnEnglishWordFindsTheEnglishTranslation(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);

        // Only the Schilderswijk babybootcamp's English text has "crawling"; three translations name the child health nurse.
        Assert.Equal([Bootcamp], await UrlsAsync(site, "en", "crawling"));
        Assert.Equal([Bootcamp], await UrlsAsync(site, "en", "Crawl"));
        Assert.Equal([SlotervaartBootcamp, Bootcamp, "/den-haag/schilderswijk/activiteiten/peutergedrag-avond"],
            (await UrlsAsync(site, "en", "child health NURSE")).Order());
        var hit = (await SearchAsync(site, "en", new SearchQuery { Text = "singing" })).Hits.First(h => h.Url == Zingen);
        Assert.Equal(("Singing together", "en"), (hit.Title, hit.TitleLanguage));
        Assert.Empty(await UrlsAsync(site, "nl", "crawling"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheTranslationOfANodeThatIsNotPublicIsNotFound(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        Assert.Contains(Bootcamp, await UrlsAsync(site, "ar", "الرضيع"));

        // Unpublished: its translation is no longer found, and published again it is.
        async Task SetStateAsync(PublishState state) => await site.WithDbAsync(async db =>
        {
            (await db.Activities.SingleAsync(a => a.Slug == "babybootcamp" && a.Wijk.Slug == "schilderswijk")).State = state;
            await db.SaveChangesAsync();
        });
        await SetStateAsync(PublishState.Draft);
        Assert.Equal([SlotervaartBootcamp], await UrlsAsync(site, "ar", "الرضيع"));
        await SetStateAsync(PublishState.Published);
        Assert.Contains(Bootcamp, await UrlsAsync(site, "ar", "الرضيع"));

        // The seed's draft babybootcamp (Aa-landen) given a translation: not found.
        await site.WithDbAsync(async db =>
        {
            var draft = await db.Activities.SingleAsync(a => a.State == PublishState.Draft);
            db.ContentTranslations.Add(new ContentTranslation
            {
                NodeKey = draft.Key, Kind = NodeKind.Activity, Culture = "ar", SourceHash = "000000000000",
                Fields = new() { ["title"] = "معسكر سري", ["summary"] = "كلمة_سرية تجريبية" },
            });
            await db.SaveChangesAsync();
        });
        Assert.Empty(await UrlsAsync(site, "ar", "معسكر سري"));
        Assert.Empty(await UrlsAsync(site, "ar", "تجريبية"));

        // A node under an unpublished wijk: the whole wijk goes, translations included.
        await site.WithDbAsync(async db =>
        {
            (await db.Wijken.SingleAsync(w => w.Slug == "schilderswijk")).State = PublishState.Draft;
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(await UrlsAsync(site, "ar", "الأطفال"), u => u.StartsWith("/den-haag/schilderswijk", StringComparison.Ordinal));
        Assert.Contains(await UrlsAsync(site, "ar", "الأطفال"), u => u.StartsWith("/amsterdam/slotervaart-noord", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ATranslationPublishedInTheBackofficeIsFoundButNotItsDraftNorOnceItIsOffline(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        const string Moerwijk = "/den-haag/moerwijk/activiteiten/babybootcamp"; // no Arabic translation in the seed
        var node = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Slug == "babybootcamp" && a.Wijk.Slug == "moerwijk"));
        var (id, key) = (node.Id, node.Key);
        var actor = new AuditActor(null, "redacteur@example.nl", "test");
        async Task PublisherAsync(Func<TranslationPublisher, Task<EditResult>> act)
        {
            await using var scope = site.Scope();
            var result = await act(scope.ServiceProvider.GetRequiredService<TranslationPublisher>());
            Assert.True(result.Ok, result.Problem);
        }

        Assert.Empty(await UrlsAsync(site, "ar", "معسكر"));

        // A draft (a version of the translation, no row): parents' search does not see it.
        await PublisherAsync(p => p.SaveDraftAsync(NodeKind.Activity, id, "ar",
            new Dictionary<string, string?> { ["title"] = "معسكر الرضّع", ["summary"] = "نتحرّك ونلعب مع طفلكم." }, actor, null));
        Assert.Empty(await UrlsAsync(site, "ar", "معسكر"));

        // Published: found, with its Arabic title.
        var number = await site.WithDbAsync(db => db.ContentVersions.Where(v => v.NodeKey == key && v.Culture == "ar").MaxAsync(v => v.Number));
        await PublisherAsync(p => p.PublishAsync(NodeKind.Activity, id, "ar", number, actor));
        var hit = Assert.Single((await SearchAsync(site, "ar", new SearchQuery { Text = "معسكر الرضع" })).Hits);
        Assert.Equal((Moerwijk, "معسكر الرضّع", "ar"), (hit.Url, hit.Title, hit.TitleLanguage));

        // Offline: gone, and the node's result is Dutch again.
        await PublisherAsync(p => p.UnpublishAsync(NodeKind.Activity, id, "ar", actor));
        Assert.Empty(await UrlsAsync(site, "ar", "معسكر"));
        Assert.Equal("nl", (await SearchAsync(site, "ar", new SearchQuery { Text = "babybootcamp" })).Hits.Single(h => h.Url == Moerwijk).TitleLanguage);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ADutchQueryOnAnArabicPageFindsWhatDutchSearchFindsInArabic(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Search:PageSize"] = "200";

        foreach (var text in new[] { "zingen", "peuter", "babyboot", "koffie ouders" })
        {
            var dutch = await SearchAsync(site, "nl", new SearchQuery { Text = text });
            var arabic = await SearchAsync(site, "ar", new SearchQuery { Text = text });
            Assert.True(dutch.Total > 0, text);
            // The same nodes in the same order (the Dutch words are in no Arabic translation here).
            Assert.Equal(dutch.Hits.Select(h => h.Url), arabic.Hits.Select(h => h.Url));
            Assert.All(dutch.Hits, h => Assert.Equal(("nl", "nl"), (h.TitleLanguage, h.SnippetLanguage)));
        }

        // Translated nodes show their Arabic title and text; the others stay Dutch.
        var zingen = await SearchAsync(site, "ar", new SearchQuery { Text = "zingen" });
        var translated = zingen.Hits.Single(h => h.Url == Zingen);
        Assert.Equal(("نغنّي معًا", "ar", "ar"), (translated.Title, translated.TitleLanguage, translated.SnippetLanguage));
        Assert.Contains(zingen.Hits, h => h.TitleLanguage == "nl" && h.Url.StartsWith("/zwolle/", StringComparison.Ordinal));

        // A word of both: "Babybootcamp" is in the Arabic text too; found once.
        var both = await SearchAsync(site, "ar", new SearchQuery { Text = "babybootcamp" });
        Assert.Equal(both.Hits.Select(h => h.Url).Distinct().Count(), both.Total);
        Assert.Equal((await SearchAsync(site, "nl", new SearchQuery { Text = "babybootcamp" })).Total, both.Total);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ATranslatedTitleMatchRanksLikeATitleMatch(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);

        // "القهوة" (the coffee): in the titles of the two coffee mornings, in the text of the clubhuis and the vision.
        var hits = (await SearchAsync(site, "ar", new SearchQuery { Text = "القهوة" })).Hits;
        Assert.True(hits.Count >= 4, string.Join(", ", hits.Select(h => h.Url)));
        Assert.All(hits, h => Assert.False(h.IsPast));
        var inTitle = hits.Select(h => TranslationAnalyzer.Words(h.Title).Contains("القهوه")).ToList();
        Assert.Equal([true, true], inTitle.Take(2));
        Assert.Contains(false, inTitle);
        Assert.Equal(inTitle.OrderByDescending(x => x), inTitle);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task FacetsPagingAndDistanceWorkOnTranslatedResults(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var all = await SearchAsync(site, "ar", new SearchQuery { Text = "الأطفال" });
        Assert.True(all.Total > 10, $"{all.Total}");
        Assert.Contains(all.Facets.Places, p => p.Gemeente.Value == "amsterdam" && p.Gemeente.Count > 0);

        // Each facet count is what ticking it gives.
        foreach (var place in all.Facets.Places.Where(p => p.Gemeente.Count > 0))
        {
            var ticked = await SearchAsync(site, "ar", new SearchQuery { Text = "الأطفال", Gemeenten = [place.Gemeente.Value] });
            Assert.Equal(place.Gemeente.Count, ticked.Total);
            Assert.All(ticked.Hits, h => Assert.StartsWith("/" + place.Gemeente.Value + "/", h.Url));
        }

        foreach (var (type, value) in all.Facets.Types.Where(t => t.Value.Count > 0))
            Assert.Equal(value.Count, (await SearchAsync(site, "ar", new SearchQuery { Text = "الأطفال", Types = [type] })).Total);
        Assert.Equal(all.Facets.Free.Count, (await SearchAsync(site, "ar", new SearchQuery { Text = "الأطفال", FreeOnly = true })).Total);

        // Paging: pages of five give every result once, in the order of one long page.
        using var paged = new SiteFactory(kind);
        paged.Settings["Search:PageSize"] = "5";
        var seen = new List<string>();
        for (var page = 1; page <= (all.Total + 4) / 5; page++)
            seen.AddRange((await SearchAsync(paged, "ar", new SearchQuery { Text = "الأطفال", Page = page })).Hits.Select(h => h.Url + " " + h.Title));
        using var onePage = new SiteFactory(kind);
        onePage.Settings["Search:PageSize"] = "200";
        Assert.Equal((await SearchAsync(onePage, "ar", new SearchQuery { Text = "الأطفال" })).Hits.Select(h => h.Url + " " + h.Title), seen);

        // Within 2 km of a Schilderswijk postcode: only the Den Haag places and activities, nearest first.
        Assert.True(new PostcodeCentres().TryGetCentre(2525, out var origin));
        var near = await SearchAsync(site, "ar", new SearchQuery { Text = "الأطفال", Postcode = "2525", DistanceKm = 2 }, origin);
        Assert.NotEmpty(near.Hits);
        Assert.True(near.Total < all.Total);
        Assert.All(near.Hits, h => Assert.True(h.Distance is not null && h.Url.StartsWith("/den-haag/", StringComparison.Ordinal), h.Url));

        // Without words, only a postcode: what is near, the translated ones in Arabic.
        var browse = await SearchAsync(onePage, "ar", new SearchQuery { Postcode = "2525", DistanceKm = 2 }, origin);
        Assert.Contains(browse.Hits, h => h.Url == Zingen && h.Title == "نغنّي معًا" && h.TitleLanguage == "ar");
        Assert.Contains(browse.Hits, h => h.TitleLanguage == "nl");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AChangedTranslationIsFoundAtTheNextSearchAlsoOnAnotherAppInstance(DatabaseKind kind)
    {
        using var first = new SiteFactory(kind);
        Assert.Empty(await UrlsAsync(first, "ar", "طبول"));
        var indexVersion = await first.WithDbAsync(db => db.SearchIndexState.Where(s => s.Id == SearchIndexState.SingletonId).Select(s => s.Version).SingleAsync());

        using (var second = first.SecondInstance())
        {
            // The other instance saves a translation (the clock stands still: the version, not the time, says so).
            await ChangeTranslationAsync(second, Zingen, "ar", t => t.Fields["summary"] += " مع طبول صغيرة.");
            Assert.Equal([Zingen], await UrlsAsync(second, "ar", "طبول"));
        }

        // This instance's index of Arabic words is read again; the search index itself did not change.
        Assert.Equal([Zingen], await UrlsAsync(first, "ar", "طبول"));
        Assert.Equal(indexVersion, await first.WithDbAsync(db => db.SearchIndexState.Where(s => s.Id == SearchIndexState.SingletonId).Select(s => s.Version).SingleAsync()));

        // A translation deleted: gone at once.
        await first.WithDbAsync(async db =>
        {
            var key = await db.SearchDocuments.Where(d => d.Url == Zingen).Select(d => d.NodeKey).SingleAsync();
            db.ContentTranslations.Remove(await db.ContentTranslations.SingleAsync(t => t.NodeKey == key && t.Culture == "ar"));
            await db.SaveChangesAsync();
        });
        Assert.Empty(await UrlsAsync(first, "ar", "طبول"));
        Assert.Equal("Samen zingen", (await SearchAsync(first, "ar", new SearchQuery { Text = "zingen" })).Hits.Single(h => h.Url == Zingen).Title);
    }

    /// <summary>The seeded site; a language's search page is <c>/ar/zoeken</c>, and its links keep the prefix.</summary>
    private static SiteFactory SiteWithLanguages(DatabaseKind kind) => new(kind);

    private static Task<AngleSharp.Dom.IDocument> SearchInAsync(HttpClient client, string language, string query) =>
        client.GetDocumentAsync("/" + language + "/zoeken" + query);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheArabicPageShowsTheTranslatedTitleAndMarksDutchTextAsDutch(DatabaseKind kind)
    {
        using var site = SiteWithLanguages(kind);
        var client = site.CreateClient();

        var doc = await SearchInAsync(client, "ar", "?q=" + Uri.EscapeDataString("نغني"));
        var item = doc.QuerySelectorAll("ol.results > li").Single(li => li.QuerySelector("h3 a")!.GetAttribute("href") == "/ar" + Zingen);
        var title = item.QuerySelector("h3 a")!;
        Assert.Equal("نغنّي معًا", title.TextContent);
        Assert.Null(title.GetAttribute("lang")); // the page's language
        Assert.Equal(["نغنّي"], item.QuerySelectorAll(".snippet mark").Select(m => m.TextContent).Distinct());
        Assert.Equal("نغنّي معًا", item.QuerySelector("a[data-lat]")!.GetAttribute("data-name")); // the map's marker

        // Dutch words on the Arabic page: translated nodes in Arabic, the others in Dutch, marked so, left to right.
        // (Partners of one wijk share a link, their wijk page's partner list: titles are looked up by the first of a link.)
        doc = await SearchInAsync(client, "ar", "?q=zingen");
        var titles = doc.QuerySelectorAll("ol.results > li h3 a").ToLookup(a => a.GetAttribute("href")!);
        Assert.Equal("نغنّي معًا", titles["/ar" + Zingen].Single().TextContent);
        Assert.Null(titles["/ar" + Zingen].Single().GetAttribute("lang"));
        var dutch = titles.SelectMany(t => t).First(a => a.GetAttribute("href")!.StartsWith("/ar/zwolle/", StringComparison.Ordinal));
        Assert.Equal(("nl", "ltr"), (dutch.GetAttribute("lang"), dutch.GetAttribute("dir")));
        Assert.Equal("nl", dutch.Closest("li")!.QuerySelector(".snippet")!.GetAttribute("lang"));

        // In English: no dir, the Dutch text only marked as Dutch.
        doc = await SearchInAsync(client, "en", "?q=zingen");
        titles = doc.QuerySelectorAll("ol.results > li h3 a").ToLookup(a => a.GetAttribute("href")!);
        Assert.Equal("Singing together", titles["/en" + Zingen].Single().TextContent);
        dutch = titles.SelectMany(t => t).First(a => a.GetAttribute("href")!.StartsWith("/en/zwolle/", StringComparison.Ordinal));
        Assert.Equal(("nl", null), (dutch.GetAttribute("lang"), dutch.GetAttribute("dir")));

        // Dutch search is as it was: Dutch titles without lang or dir, and the Arabic word finds nothing.
        doc = await SearchTests.SearchAsync(client, "?q=zingen");
        Assert.Equal("Samen zingen", doc.QuerySelectorAll("ol.results > li h3 a").Single(a => a.GetAttribute("href") == Zingen).TextContent);
        Assert.Empty(doc.QuerySelectorAll("ol.results [lang], ol.results [dir]"));
        Assert.Empty(SearchTests.Hrefs(await SearchTests.SearchAsync(client, "?q=" + Uri.EscapeDataString("نغني"))));
    }

    private static string Html(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
