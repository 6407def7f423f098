using AngleSharp.Dom;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.NearMe;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Search;

/// <summary>/zoeken over the seed content, on SQLite (FTS5) and PostgreSQL (full text).</summary>
public sealed class SearchTests
{
    internal static async Task<IDocument> SearchAsync(HttpClient client, string query) => await client.GetDocumentAsync("/zoeken" + query);

    internal static List<string> Hrefs(IDocument doc) =>
        doc.QuerySelectorAll("ol.results > li h3 a").Select(a => a.GetAttribute("href")!).ToList();

    private static async Task<List<string>> HrefsAsync(HttpClient client, string query) => Hrefs(await SearchAsync(client, query));

    private static async Task ChangeAsync<T>(SiteFactory site, Func<IQueryable<T>, IQueryable<T>> find, Action<T> change) where T : ContentNode
    {
        await site.WithDbAsync(async db =>
        {
            var node = await find(db.Set<T>()).SingleAsync();
            change(node);
            await db.SaveChangesAsync();
        });
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ZingenZingtAndGezongenFindTheSameThingsAndPeutersFindsPeuter(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();

        var zingen = await HrefsAsync(client, "?q=zingen");
        Assert.Contains("/den-haag/schilderswijk/activiteiten/samen-zingen", zingen);
        Assert.Equal(zingen.Order(), (await HrefsAsync(client, "?q=zingt")).Order());
        Assert.Equal(zingen.Order(), (await HrefsAsync(client, "?q=gezongen")).Order());
        Assert.Equal(zingen.Order(), (await HrefsAsync(client, "?q=ZONG")).Order());

        var peuter = await HrefsAsync(client, "?q=peuter&gemeente=den-haag");
        Assert.NotEmpty(peuter);
        Assert.Equal(peuter.Order(), (await HrefsAsync(client, "?q=peuters&gemeente=den-haag")).Order());

        // And the other way round: a text that says "gezongen" is found by "zingen" (the index side is normalised too).
        await ChangeAsync<Activity>(site, q => q.Where(a => a.Slug == "voorleesochtend"), a => a.Body += "\n\nAan het eind wordt er gezongen.");
        Assert.Contains("/den-haag/laakkwartier-spoorwijk/activiteiten/voorleesochtend", await HrefsAsync(client, "?q=zingen"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AccentsDoNotMatter(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();
        await ChangeAsync<Activity>(site, q => q.Where(a => a.Slug == "voorleesochtend"), a => a.Body += "\n\nNa afloop een reünie in het café met crème brûlée.");
        const string href = "/den-haag/laakkwartier-spoorwijk/activiteiten/voorleesochtend";

        foreach (var q in new[] { "reunie", "reünie", "REÜNIE", "cafe", "café", "cafë", "creme brulee", "Crème Brûlée" })
            Assert.True((await HrefsAsync(client, "?q=" + Uri.EscapeDataString(q))).Contains(href), q);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheLastWordMatchesAsAPrefixTheOthersDoNot(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();

        var full = await HrefsAsync(client, "?q=babybootcamp");
        Assert.NotEmpty(full);
        Assert.Equal(full.Order(), (await HrefsAsync(client, "?q=babyboot")).Order());
        Assert.Contains("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters", await HrefsAsync(client, "?q=taalpl"));
        // Only the last word: "taalpl" followed by another word is a word of its own, and no document has it.
        Assert.Empty(await HrefsAsync(client, "?q=taalpl+peuter"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task OneTypoInALongWordIsForgivenAndSaidSo(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();

        var doc = await SearchAsync(client, "?q=babybootcmap");
        Assert.Equal((await HrefsAsync(client, "?q=babybootcamp")).Order(), Hrefs(doc).Order());
        Assert.Contains("We zochten ook naar: babybootcamp.", doc.MainText());

        // Four letters is too short to guess: nothing found, but a suggestion is offered.
        doc = await SearchAsync(client, "?q=bsby");
        Assert.Empty(Hrefs(doc));
        Assert.Equal("/zoeken?q=baby", doc.QuerySelector(".empty a")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TitleMatchesComeFirstAndPastActivitiesLast(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();
        // One babybootcamp that ended last year.
        await ChangeAsync<Activity>(site, q => q.Where(a => a.Slug == "babybootcamp" && a.Wijk.Slug == "moerwijk"), a =>
        {
            a.Schedule.Repeat = Repeat.Once;
            a.Schedule.StartDate = new DateOnly(2025, 5, 6);
            a.Schedule.Until = null;
            a.Schedule.Days = [];
            a.Schedule.ExtraDates = [];
        });

        var doc = await SearchAsync(client, "?q=babybootcamp");
        var items = doc.QuerySelectorAll("ol.results > li").Select(li => (Href: li.QuerySelector("h3 a")!.GetAttribute("href")!, Title: li.QuerySelector("h3").Text(), Facts: li.QuerySelector(".facts").Text())).ToList();
        var past = items.FindIndex(i => i.Href == "/den-haag/moerwijk/activiteiten/babybootcamp");
        Assert.Equal(items.Count - 1, past);
        Assert.Contains("geen nieuwe datums", items[past].Facts);
        var upcoming = items.Take(past).ToList();
        var inTitle = upcoming.Select(i => i.Title.Contains("babybootcamp", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(true, inTitle);
        Assert.Contains(false, inTitle); // e.g. a meeting place where the babybootcamp is held
        Assert.Equal(inTitle.OrderByDescending(x => x), inTitle);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task FacetCountsSayHowManyResultsTickingGives(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Search:PageSize"] = "200";
        var client = site.CreateClient();
        var activities = await site.WithDbAsync(db => db.PublicActivities().ToListAsync());

        var doc = await SearchAsync(client, "?q=peuter");
        var total = Hrefs(doc).Count;
        Assert.True(total > 5);
        var checks = doc.QuerySelectorAll(".facets input[type=checkbox]").ToList();
        Assert.Contains(checks, c => c.GetAttribute("name") == "gemeente" && c.GetAttribute("value") == "den-haag");
        foreach (var check in checks)
        {
            var name = check.GetAttribute("name")!;
            var value = check.GetAttribute("value")!;
            var count = int.Parse(check.ParentElement!.QuerySelector(".count").Text().Trim('(', ')'), System.Globalization.CultureInfo.InvariantCulture);
            var ticked = await HrefsAsync(client, $"?q=peuter&{name}={Uri.EscapeDataString(value)}");
            Assert.True(count == ticked.Count, $"{name}={value}: count {count}, results {ticked.Count}");
        }

        // Combined: Den Haag AND free AND (Tuesday OR Thursday).
        var combined = await HrefsAsync(client, "?q=peuter&gemeente=den-haag&gratis=ja&dag=dinsdag&dag=donderdag");
        Assert.NotEmpty(combined);
        foreach (var href in combined)
        {
            Assert.StartsWith("/den-haag/", href);
            if (activities.SingleOrDefault(a => Links.Activity(a) == href) is { } a)
            {
                Assert.True(a.IsFree, href);
                Assert.True(a.Schedule.Days.Intersect([DayOfWeek.Tuesday, DayOfWeek.Thursday]).Any() || a.Schedule.Repeat == Repeat.Once, href);
            }
            else
            {
                Assert.Fail($"{href}: only activities are free");
            }
        }

        // The choices stay ticked, and can be undone.
        doc = await SearchAsync(client, "?q=peuter&gemeente=den-haag&gratis=ja");
        Assert.True(doc.QuerySelector("input[name=gemeente][value=den-haag]")!.HasAttribute("checked"));
        Assert.True(doc.QuerySelector("input[name=gratis]")!.HasAttribute("checked"));
        Assert.Equal("/zoeken?q=peuter", doc.QuerySelector(".facets a.reset")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task NothingFoundOffersAWiderSearch(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var doc = await SearchAsync(site.CreateClient(), "?q=babybootcamp+koffie&soort=voorlezen&gratis=ja");

        Assert.Empty(Hrefs(doc));
        var links = doc.QuerySelectorAll(".empty a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/zoeken?q=babybootcamp%20koffie&soort=voorlezen", links);
        Assert.Contains("/zoeken?q=babybootcamp%20koffie&gratis=ja", links);
        Assert.Contains("/zoeken?q=babybootcamp&soort=voorlezen&gratis=ja", links);
        Assert.Contains("/agenda", links);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task DraftsAndNodesUnderUnpublishedParentsNeverAppear(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();
        // The seed has a draft babybootcamp in Aa-landen.
        var draft = await site.WithDbAsync(db => db.Activities.Include(a => a.Wijk).ThenInclude(w => w.Gemeente).SingleAsync(a => a.State == PublishState.Draft));
        Assert.DoesNotContain(Links.Activity(draft), await HrefsAsync(client, "?q=" + Uri.EscapeDataString(draft.Title)));

        // Unpublishing takes an item out at once; publishing brings it back.
        const string zingen = "/den-haag/schilderswijk/activiteiten/samen-zingen";
        Assert.Contains(zingen, await HrefsAsync(client, "?q=zingen"));
        await ChangeAsync<Activity>(site, q => q.Where(a => a.Slug == "samen-zingen" && a.Wijk.Slug == "schilderswijk"), a => a.State = PublishState.Draft);
        Assert.DoesNotContain(zingen, await HrefsAsync(client, "?q=zingen"));
        await ChangeAsync<Activity>(site, q => q.Where(a => a.Slug == "samen-zingen" && a.Wijk.Slug == "schilderswijk"), a => a.State = PublishState.Published);
        Assert.Contains(zingen, await HrefsAsync(client, "?q=zingen"));

        // Unpublishing a wijk takes everything in it out, and keeps its words out of suggestions.
        await ChangeAsync<Web.Neighbourhoods.Wijk>(site, q => q.Where(w => w.Slug == "schilderswijk"), w => w.State = PublishState.Draft);
        Assert.DoesNotContain(await HrefsAsync(client, "?q=zingen+peuter"), h => h.StartsWith("/den-haag/schilderswijk", StringComparison.Ordinal));
        Assert.Empty(await HrefsAsync(client, "?q=schilderswijk"));
        Assert.Equal(0, await site.WithDbAsync(db => db.SearchTerms.CountAsync(t => t.Word == "schilderswijk")));

        // Deleting a node deletes its row.
        var vision = await site.WithDbAsync(db => db.Visions.Include(v => v.Wijk).SingleAsync(v => v.Wijk.Slug == "noord"));
        Assert.Equal(1, await site.WithDbAsync(db => db.SearchDocuments.CountAsync(d => d.NodeKey == vision.Key)));
        await site.WithDbAsync(async db =>
        {
            db.Visions.Remove(await db.Visions.SingleAsync(v => v.Id == vision.Id));
            await db.SaveChangesAsync();
        });
        Assert.Equal(0, await site.WithDbAsync(db => db.SearchDocuments.CountAsync(d => d.NodeKey == vision.Key)));
    }

    /// <summary>FTS5 and tsquery syntax, quotes, SQL, broken Unicode, null bytes, very long input.</summary>
    internal static readonly string[] HostileQueries =
        [
            "\"", "\"\"\"", "zingen\"", "*", "zing*", "**", "NEAR(zingen peuter)", "NEAR(", "AND OR NOT", "zingen AND", "OR", "NOT zingen",
            "^", "^zingen", ":", "titel:zingen", "TitleText : zingen", "(", ")", "((zingen)", "zingen)", "'; DROP TABLE x; --",
            "\"; DROP TABLE \"SearchDocuments\"; --", "1 OR 1=1", "zingen & | ! <-> :* peuter", "\\", "%", "_", "{}[]", "@@", "'",
            "\ud800", "zingen\udc00peuter", "\u0000", "zin\u0000gen", "\u200b", "😀", "e\u0301", new string('a', 10_000), string.Concat(Enumerable.Repeat("zingen ", 1500)),
            "<script>alert(1)</script>", "&amp;", "NULL", "-", "+", "~", "$1",
        ];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task HostileInputGetsANormalAnswer(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();
        foreach (var q in HostileQueries)
        {
            // Built by hand so that lone surrogates and null bytes reach the server as sent (%ED%A0%80 is not valid UTF-8).
            var encoded = string.Concat(q.Select(c => char.IsSurrogate(c) && !char.IsSurrogatePair(q, q.IndexOf(c)) ? "%ED%A0%80" : Uri.EscapeDataString(c.ToString())));
            foreach (var url in new[] { "/zoeken?q=" + encoded, "/zoeken?q=" + encoded + "&postcode=" + encoded + "&gemeente=" + encoded + "&dag=" + encoded + "&pagina=" + encoded })
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{url[..Math.Min(80, url.Length)]}: {(int)response.StatusCode}");
            }
        }

        // Very long queries are cut, and the parent is told.
        var doc = await SearchAsync(client, "?q=" + string.Concat(Enumerable.Repeat("zingen ", 100)));
        Assert.Contains("erg lang", doc.MainText());
        Assert.NotEmpty(Hrefs(doc));
        // The tables are still there.
        Assert.NotEmpty(await HrefsAsync(client, "?q=zingen"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SnippetsMarkTheMatchedWordsAndEscapeEverythingElse(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        await ChangeAsync<Activity>(site, q => q.Where(a => a.Slug == "voorleesochtend"), a => a.Body = "Eerst <script>alert('x')</script> en <b>vet</b>, dan zingen we & lezen we voor.");
        var doc = await SearchAsync(site.CreateClient(), "?q=zingen");

        var item = doc.QuerySelectorAll("ol.results > li").Single(li => li.QuerySelector("h3 a")!.GetAttribute("href")!.EndsWith("/voorleesochtend", StringComparison.Ordinal));
        var snippet = item.QuerySelector(".snippet")!;
        Assert.Empty(snippet.QuerySelectorAll("script, b"));
        Assert.Contains("<script>alert('x')</script>", snippet.TextContent);
        Assert.Equal(["zingen"], snippet.QuerySelectorAll("mark").Select(m => m.TextContent));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task APostcodeSortsNearestFirstWithRoundedDistances(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Search:PageSize"] = "200";
        var client = site.CreateClient();
        var centres = new PostcodeCentres();
        Assert.True(centres.TryGetCentre(2525, out var origin));
        var places = await site.WithDbAsync(db => db.PublicMeetingPlaces().Include(p => p.Wijk).ThenInclude(w => w.Gemeente).ToListAsync());
        var activities = await site.WithDbAsync(db => db.PublicActivities().ToListAsync());
        double DistanceOf(string href) =>
            places.FirstOrDefault(p => Links.MeetingPlace(p) == href) is { } p ? origin.DistanceMetersTo(new GeoPoint(p.Latitude, p.Longitude))
            : activities.SingleOrDefault(a => Links.Activity(a) == href) is { } a ? origin.DistanceMetersTo(new GeoPoint(a.MeetingPlace.Latitude, a.MeetingPlace.Longitude))
            : throw new InvalidOperationException("not a place or activity: " + href);

        foreach (var typed in new[] { "2525", "2525 AB", "2525ab" })
        {
            // "2525 AB" is answered with a redirect to the four digits, so the street never stays in the address bar.
            var response = await site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
                .GetAsync("/zoeken?q=peuter&postcode=" + Uri.EscapeDataString(typed));
            if (typed != "2525")
            {
                Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/zoeken?q=peuter&postcode=2525", response.Headers.Location!.OriginalString);
            }

            var doc = await SearchAsync(client, "?q=peuter&postcode=" + Uri.EscapeDataString(typed));
            Assert.Equal("2525", doc.QuerySelector("#postcode")!.GetAttribute("value"));
            var items = doc.QuerySelectorAll("ol.results > li").Where(li => li.QuerySelector("a[data-lat]") is not null)
                .Select(li => (Href: li.QuerySelector("h3 a")!.GetAttribute("href")!, Distance: li.QuerySelector(".distance").Text())).ToList();
            Assert.True(items.Count > 5);
            var meters = items.Select(i => DistanceOf(i.Href)).ToList();
            Assert.Equal(meters.Order(), meters);
            Assert.All(items, i => Assert.Matches(@"^ongeveer \d+(,\d)? (meter|kilometer)$", i.Distance));
            Assert.Equal($"ongeveer {ApproximateDistance.From(meters[0]).Value} meter", items[0].Distance);
        }

        // Without words: the activities and meeting places near the postcode.
        var near = await SearchAsync(client, "?postcode=2525");
        var first = Hrefs(near).First();
        Assert.StartsWith("/den-haag/", first);
        Assert.Contains("het dichtst bij postcode 2525", near.MainText());
    }

    [Fact]
    public async Task AChosenDistanceFiltersToWhatIsWithinItAndNothingNearOffersTheNextStep()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        Assert.True(new PostcodeCentres().TryGetCentre(2525, out var origin));
        var places = await site.WithDbAsync(db => db.PublicMeetingPlaces().Include(p => p.Wijk).ThenInclude(w => w.Gemeente).ToListAsync());
        var activities = await site.WithDbAsync(db => db.PublicActivities().ToListAsync());
        double? DistanceOf(string href) =>
            places.FirstOrDefault(p => Links.MeetingPlace(p) == href) is { } p ? origin.DistanceMetersTo(new GeoPoint(p.Latitude, p.Longitude))
            : activities.SingleOrDefault(a => Links.Activity(a) == href) is { } a ? origin.DistanceMetersTo(new GeoPoint(a.MeetingPlace.Latitude, a.MeetingPlace.Longitude))
            : null;
        static int Total(AngleSharp.Dom.IDocument doc) =>
            int.Parse(System.Text.RegularExpressions.Regex.Match(doc.QuerySelector("#resultaten").Text(), @"^(\d+) resulta").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // Without a distance the postcode sorts: Zwolle and Groningen are still found, further down.
        var sorted = await SearchAsync(client, "?q=peuter&postcode=2525");
        var within = await SearchAsync(client, "?q=peuter&postcode=2525&afstand=1");
        Assert.Contains("Alleen wat binnen 1 km van postcode 2525 is", within.MainText());
        Assert.True(Total(within) < Total(sorted), $"{Total(within)} within 1 km, {Total(sorted)} in all");
        var hrefs = Hrefs(within);
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, h => Assert.True(DistanceOf(h) is <= 1000, $"{h} is not within 1 km"));
        Assert.Contains(Hrefs(sorted), h => DistanceOf(h) is null or > 1000);
        Assert.True(within.QuerySelector("#afstand option[value='1']")!.HasAttribute("selected"));

        var nothing = await SearchAsync(client, "?q=peuter&postcode=4301&afstand=2");
        Assert.Contains("Binnen 2 km van postcode 4301 vonden we niets.", nothing.QuerySelector(".empty").Text());
        Assert.Equal("/zoeken?q=peuter&postcode=4301&afstand=5", nothing.QuerySelector(".empty a.next-distance")!.GetAttribute("href"));

        var wrong = await SearchAsync(client, "?q=peuter&postcode=2525&afstand=3");
        Assert.Contains("Kies als afstand 1, 2, 5 of 10 km", wrong.QuerySelector(".notice").Text());
        Assert.Equal(Total(sorted), Total(wrong));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnUnknownOrWrongPostcodeGetsAKindMessageAndTheLocationIsNeverLogged(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Logging:LogLevel:Default"] = "Trace";
        var client = site.CreateClient();
        var centres = new PostcodeCentres();
        var unknown = Enumerable.Range(1000, 9000).First(pc => !centres.TryGetCentre(pc, out _));

        var doc = await SearchAsync(client, $"?q=zingen&postcode={unknown}");
        Assert.Contains($"We kennen postcode {unknown} niet", doc.MainText());
        Assert.NotEmpty(Hrefs(doc));
        doc = await SearchAsync(client, "?q=zingen&postcode=abcd");
        Assert.Contains("‘abcd’ is geen postcode", doc.MainText());

        var response = await client.GetAsync("/zoeken?q=zingen&postcode=2525%20AB");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.True(centres.TryGetCentre(2525, out var c));
        var logs = site.Logs.AllText;
        Assert.NotEmpty(site.Logs.Entries);
        foreach (var secret in new[] { "2525", unknown.ToString(System.Globalization.CultureInfo.InvariantCulture), "abcd",
                     c.Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Longitude.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            Assert.DoesNotContain(secret, logs);
        }
    }
}
