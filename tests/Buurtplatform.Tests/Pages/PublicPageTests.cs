using System.Net;
using System.Text.Json;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Pages;

/// <summary>Every public page type on the seed content, with the clock on Monday 23 November 2026, 9.00.</summary>
public sealed class PublicPageTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task HomeLetsParentsChooseAGemeenteOrWijkAndShowsThisWeekPerGemeente(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var doc = await site.CreateClient().GetDocumentAsync("/");

        Assert.Equal("nl", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", doc.DocumentElement.GetAttribute("dir"));
        var links = doc.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/den-haag", links);
        Assert.Contains("/den-haag/schilderswijk", links);
        Assert.Contains("/zwolle/zwolle-zuid", links);
        Assert.Contains("/amsterdam/slotervaart-noord", links);
        Assert.Contains("/groningen/noord", links);

        // "Deze week", per gemeente in short (HomePageTests has the details): Monday 23 to Sunday 29 November, today first.
        var days = doc.QuerySelectorAll("#deze-week ~ ul.cards .next .when").Select(h => h.Text()).ToList();
        Assert.NotEmpty(days);
        Assert.Contains(days, d => d.StartsWith("maandag 23 november, ", StringComparison.Ordinal));
        Assert.All(days, d => Assert.Matches("^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) (2[3-9]) november, ", d));
        Assert.All(doc.QuerySelectorAll("#deze-week ~ ul.cards .next a"), a => Assert.Matches("^/[a-z-]+/[a-z-]+/activiteiten/", a.GetAttribute("href")!));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task GemeentePageListsItsWijken(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag");

        Assert.Equal("Den Haag", doc.QuerySelector("h1").Text());
        var wijken = doc.QuerySelectorAll("#wijken ~ ul.cards h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/den-haag/laakkwartier-spoorwijk", "/den-haag/moerwijk", "/den-haag/schilderswijk"], wijken);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task WijkPageShowsPlacesTwoWeeksOfActivitiesVisionAndPartners(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk");

        Assert.Equal("Schilderswijk", doc.QuerySelector("h1").Text());
        var places = doc.QuerySelectorAll("#plekken ~ ul.cards h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.True(places.Count >= 2);
        Assert.All(places, p => Assert.StartsWith("/den-haag/schilderswijk/ontmoetingsplekken/", p));

        var days = doc.QuerySelectorAll("h3.day").Select(h => h.Text()).ToList();
        Assert.Contains("dinsdag 24 november", days);
        Assert.Contains("dinsdag 1 december", days);
        Assert.DoesNotContain("dinsdag 8 december", days); // beyond two weeks
        var activityLinks = doc.QuerySelectorAll("ul.occurrences a").Select(a => a.GetAttribute("href")).ToList();
        Assert.All(activityLinks, l => Assert.StartsWith("/den-haag/schilderswijk/activiteiten/", l));
        Assert.Contains("9.30–11.00 uur", doc.QuerySelector("ul.occurrences").Text());

        Assert.NotNull(doc.QuerySelector("a[href='/den-haag/schilderswijk/visie']"));
        Assert.NotEmpty(doc.QuerySelectorAll("ul.partners li"));
        Assert.Contains("Kinderopvang 2Samen", doc.QuerySelector("ul.partners").Text());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task MeetingPlacePageHasAddressMapLinkAccessibilityAndWhatHappensThere(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen");

        Assert.Equal("Peuterlokaal van 2Samen", doc.QuerySelector("h1").Text());
        Assert.Contains("2525", doc.QuerySelector("address").Text());
        var osm = doc.QuerySelector("a[href^='https://www.openstreetmap.org/']")!.GetAttribute("href")!;
        Assert.Matches(@"mlat=52\.\d+&mlon=4\.\d+", osm);
        Assert.Contains("rolstoel", doc.QuerySelector("#toegankelijk ~ ul").Text());
        Assert.Contains(doc.QuerySelectorAll("#wat ~ ul.cards a"), a => a.GetAttribute("href") == "/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters");

        var json = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("Place", json.GetProperty("@type").GetString());
        Assert.Equal("Peuterlokaal van 2Samen", json.GetProperty("name").GetString());
        Assert.Equal("NL", json.GetProperty("address").GetProperty("addressCountry").GetString());
        Assert.True(json.GetProperty("geo").GetProperty("latitude").GetDouble() > 52);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ActivityPageSaysWhenWhereForWhomLanguageCostOrganiserAndHowToJoin(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters");

        Assert.Equal("Taalplezier voor peuters", doc.QuerySelector("h1").Text());
        var facts = doc.QuerySelector("dl.facts-list").Text();
        Assert.Contains("dinsdag 24 november, 9.30–11.00 uur", facts);
        Assert.Contains("dinsdag 1 december, 9.30–11.00 uur", facts);
        Assert.Contains("18 maanden tot 4 jaar", facts);
        Assert.Contains("Nederlands", facts);
        Assert.Contains("Gratis", facts);
        Assert.Contains("Kinderopvang 2Samen", facts);
        Assert.NotNull(doc.QuerySelector("dl.facts-list a[href='/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen']"));
        Assert.NotEmpty(doc.QuerySelector("#aanmelden ~ p").Text());

        var events = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal(JsonValueKind.Array, events.ValueKind);
        Assert.Equal(8, events.GetArrayLength());
        var first = events[0];
        Assert.Equal("Event", first.GetProperty("@type").GetString());
        Assert.Equal("2026-11-24T09:30:00+01:00", first.GetProperty("startDate").GetString());
        Assert.Equal("2026-11-24T11:00:00+01:00", first.GetProperty("endDate").GetString());
        Assert.Equal(0, first.GetProperty("offers").GetProperty("price").GetDecimal());
        Assert.Equal("EUR", first.GetProperty("offers").GetProperty("priceCurrency").GetString());
        Assert.Equal("Peuterlokaal van 2Samen", first.GetProperty("location").GetProperty("name").GetString());
    }

    [Fact]
    public async Task EventsAcrossTheSpringSwitchCarryTheirOwnOffset()
    {
        using var site = new SiteFactory();
        site.Clock.Now = new DateTimeOffset(2027, 3, 15, 8, 0, 0, TimeSpan.Zero);
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters");

        var starts = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement
            .EnumerateArray().Select(e => e.GetProperty("startDate").GetString()).ToList();
        Assert.Contains("2027-03-16T09:30:00+01:00", starts);
        Assert.Contains("2027-03-23T09:30:00+01:00", starts);
        Assert.Contains("2027-03-30T09:30:00+02:00", starts); // summer time from Sunday 28 March
        Assert.Contains("dinsdag 30 maart, 9.30–11.00 uur", doc.QuerySelector("dl.facts-list").Text());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task VisionPageShowsSectionsAuthorsAndReviewDate(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/visie");

        var sections = doc.QuerySelectorAll("main section h2").Select(h => h.Text()).ToList();
        Assert.True(sections.Count >= 5, string.Join(" | ", sections));
        // The contents list the vision's own sections (not "who wrote it" and the parents' ideas after them).
        Assert.Equal(doc.QuerySelectorAll("main section h2[id^='deel-']").Length, doc.QuerySelectorAll("nav.toc li").Length);
        Assert.Equal(sections.Count - 3, doc.QuerySelectorAll("nav.toc li").Length);
        var authors = doc.QuerySelector("section.authors").Text();
        Assert.Contains("Ouders", authors);
        Assert.Matches(@"Voor het laatst samen bekeken op \d{1,2} \w+ 20\d\d\.", authors);
    }

    [Theory]
    [InlineData("/bestaat-niet")]
    [InlineData("/den-haag/bestaat-niet")]
    [InlineData("/den-haag/schilderswijk/activiteiten/bestaat-niet")]
    [InlineData("/den-haag/schilderswijk/ontmoetingsplekken/bestaat-niet")]
    [InlineData("/den-haag/bestaat-niet/visie")]
    [InlineData("/Den-Haag")]
    [InlineData("/den-haag/schilderswijk/iets/anders/heel/diep")]
    public async Task UnknownUrlsGetAHelpful404InTheSiteStyle(string url)
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync(url, expectedStatus: 404);

        Assert.Equal("Deze pagina bestaat niet", doc.QuerySelector("h1").Text());
        Assert.NotNull(doc.QuerySelector("link[rel=stylesheet][href^='/css/site.css']"));
        Assert.NotNull(doc.QuerySelector("main a[href='/agenda']"));
        Assert.NotNull(doc.QuerySelector("main a[href='/den-haag']"));
    }

    [Fact]
    public async Task DraftsAreNotShownToParents()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var draft = await site.WithDbAsync(db => db.Activities.Include(a => a.Wijk).ThenInclude(w => w.Gemeente)
            .SingleAsync(a => a.State == PublishState.Draft));

        await client.GetDocumentAsync(Links.Activity(draft), expectedStatus: 404);
        var agenda = await client.GetStringAsync("/agenda");
        Assert.DoesNotContain(Links.Activity(draft), agenda);
    }

    [Fact]
    public async Task AServerErrorShowsAFriendlyPageAndLogsTheDetail()
    {
        using var site = new SiteFactory();
        site.TestServices = s => s.AddSingleton<TimeProvider>(new BrokenClock());
        var client = site.CreateClient();

        var response = await client.GetAsync("/");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Er ging iets mis", body);
        Assert.DoesNotContain("Exception", body);
        Assert.Contains(site.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Exception is not null);
    }

    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("The clock is broken (test).");
    }
}
