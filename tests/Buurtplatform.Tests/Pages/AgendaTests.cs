using AngleSharp.Dom;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Pages;

/// <summary>The agenda's filters against the seed content; expectations are computed from the database rows.</summary>
public sealed class AgendaTests
{
    private static List<(string Href, string Day)> Results(IDocument doc) =>
        doc.QuerySelectorAll("ul.occurrences li").Select(li =>
        {
            var day = li.ParentElement!.PreviousElementSibling.Text();
            return (li.QuerySelector("a")!.GetAttribute("href")!, day);
        }).ToList();

    /// <summary>The results of every page, following rel=next.</summary>
    private static async Task<List<(string Href, string Day)>> AllResultsAsync(HttpClient client, string url)
    {
        var doc = await client.GetDocumentAsync(url);
        var all = Results(doc);
        for (var pages = 1; doc.QuerySelector("nav.pages a[rel=next]")?.GetAttribute("href") is { } next; pages++)
        {
            Assert.True(pages < 50, "the agenda's pages do not end");
            doc = await client.GetDocumentAsync(next);
            all.AddRange(Results(doc));
        }

        return all;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ATwoYearOldOnTuesdaysInSchilderswijkFindsTaalplezierButNotTheBabyGroup(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var doc = await site.CreateClient().GetDocumentAsync("/agenda?wijk=den-haag/schilderswijk&leeftijd=2&dag=dinsdag");

        var results = Results(doc);
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.StartsWith("dinsdag", r.Day));
        Assert.All(results, r => Assert.StartsWith("/den-haag/schilderswijk/activiteiten/", r.Href));
        Assert.Contains(results, r => r.Href.EndsWith("/taalplezier-voor-peuters", StringComparison.Ordinal));
        Assert.DoesNotContain(results, r => r.Href.EndsWith("/babybootcamp", StringComparison.Ordinal));
        // The form shows the filter back, so the parent sees what is applied.
        Assert.Equal("2", doc.QuerySelector("#leeftijd")!.GetAttribute("value"));
        Assert.True(doc.QuerySelector("input[name=dag][value=dinsdag]")!.HasAttribute("checked"));
        Assert.True(doc.QuerySelector("option[value='den-haag/schilderswijk']")!.HasAttribute("selected"));
    }

    [Fact]
    public async Task EachFilterKeepsExactlyTheMatchingActivities()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var activities = await site.WithDbAsync(db => db.PublicActivities().ToListAsync());

        async Task<HashSet<string>> Hrefs(string query) => (await AllResultsAsync(client, "/agenda" + query)).Select(r => r.Href).ToHashSet();

        // Unfiltered: every weekly series that runs through the four weeks from Monday 23 November is there.
        var all = await Hrefs("");
        var runningSeries = activities.Where(a => a.Schedule.Repeat == Repeat.Weekly
            && a.Schedule.StartDate <= new DateOnly(2026, 11, 23)
            && (a.Schedule.Until is null || a.Schedule.Until >= new DateOnly(2026, 12, 20))).Select(Links.Activity).ToHashSet();
        Assert.True(runningSeries.Count > 20, $"seed has {runningSeries.Count} running series");
        Assert.Subset(all, runningSeries);

        var free = await Hrefs("?gratis=ja");
        Assert.NotEmpty(free);
        Assert.All(free, h => Assert.True(activities.Single(a => Links.Activity(a) == h).IsFree, h));
        Assert.True(free.Count < all.Count, "some activities cost money");

        var babies = await Hrefs("?leeftijd=6&eenheid=maanden");
        Assert.All(babies, h => Assert.True(activities.Single(a => Links.Activity(a) == h).SuitsAge(6, 6), h));
        Assert.Contains(babies, h => h.EndsWith("/babybootcamp", StringComparison.Ordinal));

        var arabic = await Hrefs("?taal=ar");
        Assert.NotEmpty(arabic);
        Assert.All(arabic, h => Assert.Contains("ar", activities.Single(a => Links.Activity(a) == h).Languages));

        var singing = await Hrefs("?soort=samen-zingen");
        Assert.NotEmpty(singing);
        Assert.All(singing, h => Assert.Equal(ActivityType.SamenZingen, activities.Single(a => Links.Activity(a) == h).Type));

        var zwolleZuid = await Hrefs("?wijk=zwolle/zwolle-zuid");
        Assert.NotEmpty(zwolleZuid);
        Assert.All(zwolleZuid, h => Assert.StartsWith("/zwolle/zwolle-zuid/", h));

        var combined = await Hrefs("?gratis=ja&taal=ar&leeftijd=2");
        Assert.Equal(free.Intersect(arabic).Where(h => activities.Single(a => Links.Activity(a) == h).SuitsAge(24, 35)).ToHashSet(), combined);
    }

    [Fact]
    public async Task TheAgendaIsPagedWithoutJavaScriptAndTheHeadingCountsEveryListedDate()
    {
        using var site = new SiteFactory();
        site.Settings["Agenda:PageSize"] = "15";
        var client = site.CreateClient();

        var first = await client.GetDocumentAsync("/agenda?gratis=ja");
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(first.QuerySelector("#resultaten").Text(), @"^(\d+) keer iets te doen$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var pages = (total + 14) / 15;
        Assert.True(pages >= 3, $"{total} free dates");
        Assert.Equal(15, Results(first).Count);
        Assert.Null(first.QuerySelector("nav.pages a[rel=prev]"));
        Assert.Equal($"Pagina 1 van {pages}", first.QuerySelector("nav.pages span").Text());
        Assert.Equal("/agenda?gratis=ja&pagina=2", first.QuerySelector("nav.pages a[rel=next]")!.GetAttribute("href"));

        var second = await client.GetDocumentAsync("/agenda?gratis=ja&pagina=2");
        Assert.Equal("/agenda?gratis=ja", second.QuerySelector("nav.pages a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/agenda?gratis=ja&pagina=3", second.QuerySelector("nav.pages a[rel=next]")!.GetAttribute("href"));
        Assert.Empty(Results(first).Intersect(Results(second)));
        // The feed is the whole filter, whatever page the parent is on.
        Assert.EndsWith("/agenda.ics?gratis=ja", second.QuerySelector("section.subscribe input.copy-link")!.GetAttribute("value"));

        var all = await AllResultsAsync(client, "/agenda?gratis=ja");
        Assert.Equal(total, all.Count);
        Assert.Equal(total, all.Distinct().Count());
        var last = await client.GetDocumentAsync($"/agenda?gratis=ja&pagina={pages}");
        Assert.Null(last.QuerySelector("nav.pages a[rel=next]"));
        Assert.Equal(total - (pages - 1) * 15, Results(last).Count);
    }

    [Theory]
    [InlineData("/agenda?pagina=999")]
    [InlineData("/agenda?pagina=0")]
    [InlineData("/agenda?pagina=twee")]
    public async Task APageThatIsNotThereIsExplainedWithStatus400AndTheFirstPage(string url)
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var firstPage = Results(await client.GetDocumentAsync("/agenda"));

        var doc = await client.GetDocumentAsync(url, expectedStatus: 400);

        Assert.Contains("Deze pagina van de agenda is er niet. U ziet de eerste pagina.", doc.QuerySelector(".notice").Text());
        Assert.Equal(firstPage, Results(doc));
    }

    [Fact]
    public async Task SeveralDaysCanBeChosenAtOnce()
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync("/agenda?dag=maandag&dag=zaterdag");

        var days = Results(doc).Select(r => r.Day.Split(' ')[0]).Distinct().ToHashSet();
        Assert.NotEmpty(days);
        Assert.Subset(new HashSet<string> { "maandag", "zaterdag" }, days);
    }

    [Fact]
    public async Task AnEmptyResultSaysSoKindlyAndOffersToWidenEachFilter()
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync("/agenda?leeftijd=0&soort=peutergedrag&gratis=ja&dag=zondag");

        Assert.Empty(doc.QuerySelectorAll("ul.occurrences li"));
        var empty = doc.QuerySelector(".empty")!;
        Assert.Contains("Er zijn geen activiteiten die passen bij uw keuze.", empty.Text());
        var widen = empty.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/agenda?dag=zondag&soort=peutergedrag&gratis=ja", widen);
        Assert.Contains("/agenda?leeftijd=0&soort=peutergedrag&gratis=ja", widen);
        Assert.Contains("/agenda", widen);
    }

    [Fact]
    public async Task UnknownFilterValuesAreExplainedInDutchWithStatus400()
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync("/agenda?dag=blauwdag&leeftijd=99&soort=raket&wijk=nergens/niets&onzin=1", expectedStatus: 400);

        var notice = doc.QuerySelector(".notice")!.Text();
        Assert.Contains("Deze dag kennen we niet", notice);
        Assert.Contains("0 tot en met 6 jaar", notice);
        Assert.Contains("Deze soort activiteit kennen we niet", notice);
        Assert.Contains("Deze wijk kennen we niet", notice);
        Assert.Contains("'onzin' is geen keuze", notice);
        Assert.NotEmpty(doc.QuerySelectorAll("ul.occurrences li")); // the rest of the agenda still shows
    }

    [Theory]
    [InlineData("/agenda?taal=xx", "Deze taal kennen we niet")]
    [InlineData("/agenda?wijk=den-haag/schilderswijk&wijk=zwolle/zwolle-zuid", "U koos meer dan één wijk")]
    [InlineData("/agenda?leeftijd=2&leeftijd=3", "U koos meer dan één leeftijd")]
    public async Task AnUnknownLanguageOrARepeatedChoiceIsExplainedWithStatus400NotAnEmptyAgenda(string url, string explanation)
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync(url, expectedStatus: 400);

        Assert.Contains(explanation, doc.QuerySelector(".notice").Text());
        Assert.NotEmpty(doc.QuerySelectorAll("ul.occurrences li")); // without the part it cannot read
        Assert.Null(doc.QuerySelector("section.subscribe")); // no feed link for a choice that does not work
    }

    [Fact]
    public async Task ARealLanguageThatNoActivityOffersYetIsAnEmptyAgendaNotAnError()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();

        var doc = await client.GetDocumentAsync("/agenda?taal=fi");

        Assert.Null(doc.QuerySelector(".notice"));
        Assert.Contains("Er zijn geen activiteiten die passen bij uw keuze.", doc.QuerySelector(".empty").Text());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/agenda.ics?taal=fi")).StatusCode);
    }

    [Fact]
    public void AFilterRoundTripsThroughItsQueryString()
    {
        var query = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["wijk"] = "den-haag/schilderswijk", ["leeftijd"] = "9", ["eenheid"] = "maanden",
            ["dag"] = new(["zaterdag", "dinsdag"]), ["soort"] = "taalplezier", ["taal"] = "ar", ["gratis"] = "ja",
        };
        var filter = Web.Agenda.AgendaFilter.Parse(query, out var problems);

        Assert.Empty(problems);
        Assert.Equal("?wijk=den-haag%2Fschilderswijk&leeftijd=9&eenheid=maanden&dag=dinsdag&dag=zaterdag&soort=taalplezier&taal=ar&gratis=ja", filter.ToQueryString());
        var again = Web.Agenda.AgendaFilter.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(filter.ToQueryString()), out problems);
        Assert.Empty(problems);
        Assert.Equal(filter.ToQueryString(), again.ToQueryString());
        Assert.Equal((9, 9), again.AgeMonths);
    }

    [Fact]
    public void ATwoYearOldIsTwentyFourToThirtyFiveMonths()
    {
        var filter = Web.Agenda.AgendaFilter.Parse(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["leeftijd"] = "2" }, out _);
        Assert.Equal((24, 35), filter.AgeMonths);
        Assert.True(new Activity { AgeFromMonths = 0, AgeToMonths = 24 }.SuitsAge(24, 35));
        Assert.False(new Activity { AgeFromMonths = 0, AgeToMonths = 12 }.SuitsAge(24, 35));
        Assert.True(new Activity { AgeFromMonths = 30, AgeToMonths = 48 }.SuitsAge(24, 35));
    }
}
