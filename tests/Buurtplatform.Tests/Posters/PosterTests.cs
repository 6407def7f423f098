using System.Net;
using AngleSharp.Dom;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.Posters;

/// <summary>
/// The week poster for notice boards, on the seed content with the clock on Monday 23 November 2026 (ISO week 48).
/// Printing it on one A4 page and decoding its QR codes is the browser test's part (BrowserTests.PosterPrintTests).
/// </summary>
public sealed class PosterTests
{
    private static IReadOnlyList<string> Titles(IDocument doc) => doc.QuerySelectorAll("ol.items > li h2").Select(h => h.Text().Trim()).ToList();

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheWijkPosterShowsThisWeeksActivitiesTheAgendaShowsForThoseDaysEachWithAQrCode(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();
        var poster = await client.GetDocumentAsync("/den-haag/schilderswijk/poster");

        Assert.Equal("Deze week in Schilderswijk", poster.QuerySelector("h1")!.Text());
        Assert.Equal("Week 48: maandag 23 november tot en met zondag 29 november", poster.QuerySelector(".week")!.Text());

        // The agenda, another page with its own code, lists the same activities for Monday to Sunday.
        var agenda = await client.GetDocumentAsync("/agenda?wijk=den-haag/schilderswijk");
        var thisWeek = new List<string>();
        foreach (var day in agenda.QuerySelectorAll("h3.day"))
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(day.Text(), "^[a-z]+ (2[3-9]) november$"))
                continue;
            thisWeek.AddRange(day.NextElementSibling!.QuerySelectorAll("li > a, li > del > a").Select(a => a.Text().Trim()));
        }

        Assert.NotEmpty(thisWeek);
        Assert.Equal(thisWeek.Distinct().Order(StringComparer.Ordinal), Titles(poster).Order(StringComparer.Ordinal));

        foreach (var item in poster.QuerySelectorAll("ol.items > li"))
        {
            var title = item.QuerySelector("h2")!.Text().Trim();
            var qr = item.QuerySelector("svg.qr")!;
            Assert.Equal("img", qr.GetAttribute("role"));
            Assert.Contains(title, qr.GetAttribute("aria-label"), StringComparison.Ordinal);
            Assert.NotEmpty(item.QuerySelectorAll(".dates li"));
            Assert.NotNull(item.QuerySelector(".type img.type-icon"));
            Assert.Contains(",", item.QuerySelector(".facts span")!.Text(), StringComparison.Ordinal); // the place and its street
        }

        Assert.Contains("Schilderswijk", poster.QuerySelector(".poster-foot svg.qr")!.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal("http://localhost:5080/agenda?wijk=den-haag/schilderswijk", poster.QuerySelector(".poster-foot .url")!.Text());
    }

    [Fact]
    public async Task AnotherWeekIsChosenWithIsoWeekNumbersAndThePosterLinksToTheWeeksBeforeAndAfter()
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/poster?week=2026-W50");

        Assert.Equal("Week 50: maandag 7 december tot en met zondag 13 december", doc.QuerySelector(".week")!.Text());
        Assert.Equal("/den-haag/schilderswijk/poster?week=2026-W49", doc.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/den-haag/schilderswijk/poster?week=2026-W51", doc.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.All(doc.QuerySelectorAll(".dates li"), d => Assert.Matches(@"^\S+ (7|8|9|10|11|12|13) december, ", d.Text().Trim()));

        // Across the turn of the year: week 53 of 2026 runs into January 2027, which carries its year.
        var turn = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/poster?week=2026-W53");
        Assert.Equal("Week 53: maandag 28 december tot en met zondag 3 januari 2027", turn.QuerySelector(".week")!.Text());
        Assert.Equal("/den-haag/schilderswijk/poster?week=2027-W01", turn.QuerySelector("a[rel=next]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("blauw")]
    [InlineData("2027-W53")] // 2027 has 52 weeks
    [InlineData("2026-W00")]
    [InlineData("2026W50")]
    public async Task AWeekThatDoesNotExistIsRefusedWithAnExample(string week)
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync($"/den-haag/schilderswijk/poster?week={Uri.EscapeDataString(week)}", expectedStatus: 400);

        Assert.Equal($"\"{week}\" is geen week. Schrijf de week zo: 2026-W48 (jaar, W, weeknummer).", doc.QuerySelector("[role=alert]")!.Text().Trim());
        Assert.Empty(doc.QuerySelectorAll("ol.items"));
    }

    [Fact]
    public async Task AWeekWithoutActivitiesSaysSoAndStillLeadsToTheAgenda()
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/poster?week=2001-W10");

        Assert.Equal("Deze week staan er geen activiteiten op de agenda.", doc.QuerySelector(".empty")!.Text());
        Assert.NotNull(doc.QuerySelector(".poster-foot svg.qr"));
    }

    [Fact]
    public async Task AMeetingPlacesPosterHasItsAddressAndOnlyItsOwnActivities()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var poster = await client.GetDocumentAsync("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen/poster");
        var place = await client.GetDocumentAsync("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen");

        Assert.Equal("Deze week in Peuterlokaal van 2Samen", poster.QuerySelector("h1")!.Text());
        Assert.Matches(@"^.+ \d+.*, \d{4} ?[A-Z]{2} .+$", poster.QuerySelector(".address")!.Text());
        var placeActivities = place.QuerySelectorAll(".card h3 a").Select(a => a.Text().Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(Titles(poster));
        Assert.All(Titles(poster), t => Assert.Contains(t, placeActivities));
        Assert.Equal("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen/poster", place.QuerySelector(".poster-link a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task UnknownWijkOrPlaceIs404()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/den-haag/bestaat-niet/poster", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/den-haag/schilderswijk/ontmoetingsplekken/bestaat-niet/poster", TestContext.Current.CancellationToken)).StatusCode);
    }
}
