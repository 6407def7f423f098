using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Buurtplatform.Tests.Content;

/// <summary>
/// The public pages in the parent's language: translated fields where the seed has them, Dutch (marked
/// <c>lang="nl"</c>, with one note in the parent's language) where not; listings, the embed, feeds and JSON-LD;
/// "verouderd" for staff when the Dutch text changed after the translation was made.
/// </summary>
public sealed class ContentTranslationPageTests
{
    private const string Koffieochtend = "/den-haag/schilderswijk/activiteiten/koffieochtend";

    /// <summary>The seeded site; <see cref="In"/> puts a path in a language.</summary>
    private static SiteFactory Site(DatabaseKind kind = DatabaseKind.Sqlite) => new(kind);

    /// <summary>A public path in a language.</summary>
    private static string In(string language, string path) =>
        "/" + language + path;

    /// <summary>The note in the parent's language, as the site's texts have it.</summary>
    private static string NotTranslatedNote(SiteFactory site, string language)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(language);
            return site.Services.GetRequiredService<IStringLocalizer<SharedResource>>()["Translation.NotTranslated"].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static Task<ContentTranslation> TranslationAsync(SiteFactory site, string slug, string culture) =>
        site.WithDbAsync(db => db.ContentTranslations.AsNoTracking()
            .SingleAsync(t => t.Culture == culture && t.NodeKey == db.Activities.Where(a => a.Slug == slug && a.Wijk.Slug == "schilderswijk").Select(a => a.Key).Single()));

    /// <summary>Leaves <paramref name="field"/> out of an activity's translation, so the page falls back to Dutch for it.</summary>
    private static Task WithoutAsync(SiteFactory site, string slug, string culture, string field) => site.WithDbAsync(async db =>
    {
        var key = await db.Activities.Where(a => a.Slug == slug && a.Wijk.Slug == "schilderswijk").Select(a => a.Key).SingleAsync();
        var row = await db.ContentTranslations.SingleAsync(t => t.NodeKey == key && t.Culture == culture);
        row.Fields = row.Fields.Where(f => f.Key != field).ToDictionary(StringComparer.Ordinal);
        await db.SaveChangesAsync();
    });

    private static List<JsonElement> JsonLd(IDocument doc) =>
        [.. doc.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement)];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnActivityPageInArabicShowsItsTranslationAndMarksTheDutchItStillShowsOnce(DatabaseKind kind)
    {
        using var site = Site(kind);
        var ar = await TranslationAsync(site, "koffieochtend", "ar");
        await WithoutAsync(site, "koffieochtend", "ar", "summary");
        var dutch = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Slug == "koffieochtend" && a.Wijk.Slug == "schilderswijk"));

        var doc = await site.CreateClient().GetDocumentAsync(In("ar", Koffieochtend));

        Assert.Equal(("ar", "rtl"), (doc.DocumentElement.GetAttribute("lang"), doc.DocumentElement.GetAttribute("dir")));
        var h1 = doc.QuerySelector("main h1")!;
        Assert.Equal(ar.Fields["title"], h1.Text());
        Assert.Null(h1.QuerySelector("[lang]"));
        Assert.Equal(ar.Fields["title"], doc.QuerySelector(".breadcrumbs [aria-current=page]").Text());
        Assert.Contains(ar.Fields["body"].Split('\n')[0], doc.MainText());

        // The summary is not translated: Dutch, in its own language and direction, and said once, in Arabic.
        var summary = doc.QuerySelector("main p.lead > span")!;
        Assert.Equal(("nl", "ltr", dutch.Summary), (summary.GetAttribute("lang"), summary.GetAttribute("dir"), summary.Text()));
        var note = Assert.Single(doc.QuerySelectorAll("main .translation-note"));
        Assert.Equal(NotTranslatedNote(site, "ar"), note.Text());
        Assert.Equal(dutch.Summary, doc.QuerySelector("meta[name=description]")!.GetAttribute("content"));

        // JSON-LD: the events carry the Arabic name (their inLanguage stays the languages spoken there); the page says it is Arabic.
        var json = JsonLd(doc);
        Assert.All(json[0].EnumerateArray(), e => Assert.Equal(ar.Fields["title"], e.GetProperty("name").GetString()));
        Assert.Equal(dutch.Languages, json[0][0].GetProperty("inLanguage").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(("WebPage", "ar", ar.Fields["title"]), (json[1].GetProperty("@type").GetString(), json[1].GetProperty("inLanguage").GetString(), json[1].GetProperty("name").GetString()));

        // In Dutch nothing is marked.
        var nl = await site.CreateClient().GetDocumentAsync(Koffieochtend);
        Assert.Equal(dutch.Title, nl.QuerySelector("main h1").Text());
        Assert.Empty(nl.QuerySelectorAll("main .translation-note, main [lang]"));
        Assert.Equal("nl", JsonLd(nl)[1].GetProperty("inLanguage").GetString());
    }

    [Fact]
    public async Task AFullyTranslatedPageHasNoNoteAndTheMeetingPlaceIsInTurkish()
    {
        using var site = Site();
        var client = site.CreateClient();

        var activity = await client.GetDocumentAsync(In("ar", Koffieochtend));
        Assert.Empty(activity.QuerySelectorAll("main .translation-note, main [lang=nl]"));

        var place = await client.GetDocumentAsync(In("tr", "/den-haag/schilderswijk/ontmoetingsplekken/clubhuis"));
        var tr = await site.WithDbAsync(db => db.ContentTranslations.AsNoTracking()
            .SingleAsync(t => t.Culture == "tr" && t.NodeKey == db.MeetingPlaces.Where(p => p.Slug == "clubhuis" && p.Wijk.Slug == "schilderswijk").Select(p => p.Key).Single()));
        Assert.Equal("Clubhuis in de Schilderswijk", place.QuerySelector("main h1").Text()); // a name stays Dutch
        Assert.Equal(tr.Fields["summary"], place.QuerySelector("main p.lead").Text());
        Assert.Contains(tr.Fields["accessibility.notes"], place.QuerySelector("#toegankelijk ~ ul").Text());
        Assert.Contains(tr.Fields["professional"], place.QuerySelector("#wie ~ p + p").Text());
        Assert.Equal(tr.Fields["summary"], JsonLd(place)[0].GetProperty("description").GetString());
        Assert.Equal("tr", JsonLd(place)[1].GetProperty("inLanguage").GetString());
        // Its activities' cards in Turkish too.
        var koffie = await TranslationAsync(site, "koffieochtend", "tr");
        Assert.Contains(place.QuerySelectorAll("#wat ~ ul.cards h3"), h => h.Text() == koffie.Fields["title"]);
    }

    [Fact]
    public async Task ListingsTheEmbedAndTheGemeenteShowTitlesInTheParentsLanguageAndDutchWhereThereIsNoTranslation()
    {
        using var site = Site();
        var client = site.CreateClient();
        var koffie = (await TranslationAsync(site, "koffieochtend", "ar")).Fields["title"];

        // The wijk page: its own texts are not translated (the seed has no wijk.ar.md), its activities are.
        var wijk = await client.GetDocumentAsync(In("ar", "/den-haag/schilderswijk"));
        Assert.Contains(wijk.QuerySelectorAll("ul.occurrences a"), a => a.Text() == koffie);
        Assert.Equal("nl", wijk.QuerySelector("main p.lead > span")!.GetAttribute("lang"));
        Assert.Single(wijk.QuerySelectorAll("main .translation-note"));

        // The agenda in Arabic.
        var arabic = site.CreateClient();
        var agenda = await arabic.GetDocumentAsync(In("ar", "/agenda?wijk=den-haag/schilderswijk"));
        Assert.Contains(agenda.QuerySelectorAll("ul.occurrences a"), a => a.Text() == koffie);
        Assert.DoesNotContain(agenda.QuerySelectorAll("ul.occurrences a"), a => a.QuerySelector("[lang=nl]") is not null);
        Assert.Empty(agenda.QuerySelectorAll("main .translation-note"));

        // Moerwijk's activities have no Arabic: their titles are Dutch, marked, with the note.
        var moerwijk = await arabic.GetDocumentAsync(In("ar", "/agenda?wijk=den-haag/moerwijk"));
        Assert.All(moerwijk.QuerySelectorAll("ul.occurrences a"), a => Assert.Equal("nl", a.QuerySelector("span")!.GetAttribute("lang")));
        Assert.Single(moerwijk.QuerySelectorAll("main .translation-note"));

        var embed = await client.GetDocumentAsync(In("ar", "/embed/den-haag/schilderswijk"));
        Assert.Contains(embed.QuerySelectorAll("ul.occurrences a"), a => a.Text() == koffie);

        var gemeente = await client.GetDocumentAsync(In("ar", "/den-haag"));
        Assert.Equal("nl", gemeente.QuerySelector("main p.lead > span")!.GetAttribute("lang"));
        Assert.Single(gemeente.QuerySelectorAll("main .translation-note"));
    }

    [Fact]
    public async Task TheVisionInArabicHasItsSectionsWithTheParentsIdeasStillUnderEach()
    {
        using var site = Site();
        var (dutch, ar) = await site.WithDbAsync(async db =>
        {
            var vision = await db.Visions.AsNoTracking().SingleAsync(v => v.Wijk.Slug == "schilderswijk");
            return (vision, await db.ContentTranslations.AsNoTracking().SingleAsync(t => t.NodeKey == vision.Key && t.Culture == "ar"));
        });
        var sections = Web.Vision.VisionMarkdown.Split(ar.Fields["body"]).Sections;

        var doc = await site.CreateClient().GetDocumentAsync(In("ar", "/den-haag/schilderswijk/visie"));

        Assert.Equal(ar.Fields["title"], doc.QuerySelector("main h1").Text());
        Assert.Equal(sections.Select(s => s.Heading), doc.QuerySelectorAll("main section[aria-labelledby^=deel-] > h2").Select(h => h.Text()));
        Assert.Equal(sections.Select(s => s.Heading), doc.QuerySelectorAll("nav.toc li").Select(li => li.Text()));
        // Each section still offers the form for its own (Dutch) section number.
        for (var i = 0; i < dutch.Sections.Count; i++)
            Assert.NotNull(doc.QuerySelector($"section[aria-labelledby=deel-{i + 1}] a[href$='reageren?deel={i + 1}']"));
        Assert.Equal(ar.Fields["writtenByParents"], doc.QuerySelector(".authors dd").Text());
        Assert.Empty(doc.QuerySelectorAll("main span[lang=nl], main div[lang=nl]")); // (parents' ideas carry their own language)
    }

    [Fact]
    public async Task PagesWithTranslationsDutchLeftAndTheStaffNoteAreValidHtml()
    {
        using var site = Site();
        await WithoutAsync(site, "koffieochtend", "ar", "summary");
        await WithoutAsync(site, "koffieochtend", "ar", "body");
        var staff = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "koffieochtend");
        await staff.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.CostNote", "neem een kopje mee")]);
        await staff.PublishNewestAsync(site, NodeKind.Activity, id);
        var client = site.CreateClient();

        var pages = new List<(string Name, string Html)>();
        foreach (var path in new[]
        {
            Koffieochtend, "/den-haag/schilderswijk", "/den-haag", "/den-haag/schilderswijk/visie",
            "/den-haag/schilderswijk/ontmoetingsplekken/clubhuis", "/embed/den-haag/moerwijk", "/",
        })
        {
            pages.Add((In("ar", path), await client.GetStringAsync(In("ar", path))));
        }

        var forStaff = await staff.GetStringAsync(In("ar", Koffieochtend));
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(forStaff);
        Assert.NotNull(doc.QuerySelector(".stale-translation"));
        Assert.NotNull(doc.QuerySelector("main div[lang=nl]")); // the body in Dutch
        pages.Add(("staff: " + In("ar", Koffieochtend), forStaff));
        await Pages.NuChecker.AssertValidAsync(pages);
    }

    [Fact]
    public async Task TheFeedsOfAnActivityAndItsWijkCarryItsArabicTitleAndDescription()
    {
        using var site = Site();
        var client = site.CreateClient();
        var ar = await TranslationAsync(site, "koffieochtend", "ar");
        static string Unfolded(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);

        var feed = Unfolded(await client.GetStringAsync(In("ar", Koffieochtend + ".ics")));
        Assert.Contains("SUMMARY:" + ar.Fields["title"] + "\r\n", feed);
        Assert.Contains("DESCRIPTION:" + ar.Fields["summary"].Replace(",", "\\,", StringComparison.Ordinal), feed);

        var wijk = Unfolded(await client.GetStringAsync(In("ar", "/den-haag/schilderswijk.ics")));
        Assert.Contains("SUMMARY:" + ar.Fields["title"] + "\r\n", wijk);

        // In Dutch the feed is as it was.
        var nl = Unfolded(await client.GetStringAsync(Koffieochtend + ".ics"));
        Assert.DoesNotContain(ar.Fields["title"], nl);
        Assert.Contains("SUMMARY:Koffieochtend", nl);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AfterItsDutchTextIsPublishedChangedTheTranslationIsMarkedVerouderdForStaffOnly(DatabaseKind kind)
    {
        using var site = Site(kind);
        var staff = await site.SignedInClientAsync(await site.EditorAsync());
        var parent = site.CreateClient();
        var page = In("ar", Koffieochtend);
        Assert.Null((await staff.GetDocumentAsync(page)).QuerySelector(".stale-translation")); // current: nothing to say

        var id = await site.ActivityIdAsync("schilderswijk", "koffieochtend");
        Assert.Equal(System.Net.HttpStatusCode.Redirect,
            (await staff.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Summary", "Koffie of thee drinken met andere ouders, en nu ook soep.")])).StatusCode);
        await staff.PublishNewestAsync(site, NodeKind.Activity, id);

        await site.WithDbAsync(async db =>
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == id);
            Assert.True((await ContentTranslations.LoadAsync(db, "ar", [activity.Key])).IsStale(activity));
        });

        // Parents see the translation as it is (their page may come from the cache); staff's requests never do.
        var anonymous = await parent.GetDocumentAsync(page);
        Assert.Null(anonymous.QuerySelector(".stale-translation"));
        var forStaff = await staff.GetDocumentAsync(page);
        Assert.NotNull(forStaff.QuerySelector("main h1 + .stale-translation"));
        Assert.Equal((await TranslationAsync(site, "koffieochtend", "ar")).Fields["summary"], forStaff.QuerySelector("main p.lead").Text());
        Assert.Null((await parent.GetDocumentAsync(page)).QuerySelector(".stale-translation"));
    }
}
