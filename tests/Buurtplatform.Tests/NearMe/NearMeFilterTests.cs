using AngleSharp.Dom;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.NearMe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.NearMe;

/// <summary>
/// "Near me" as a filter in the agenda and on the home page: only what is within the chosen distance of the postcode,
/// by date then distance, counted as listed. Expectations are computed from the seed rows and the site's own calendar
/// (Monday 23 November 2026, 9.00).
/// </summary>
public sealed class NearMeFilterTests
{
    private static readonly GeoPoint Pc2525 = Centre(2525);

    private static GeoPoint Centre(int pc4)
    {
        Assert.True(new PostcodeCentres().TryGetCentre(pc4, out var centre));
        return centre;
    }

    private sealed record Listed(string Href, string Day, string? Distance);

    private static List<Listed> Listing(IDocument doc) =>
        doc.QuerySelectorAll("section[aria-labelledby=resultaten] ul.occurrences li").Select(li => new Listed(
            li.QuerySelector("a")!.GetAttribute("href")!,
            li.ParentElement!.PreviousElementSibling.Text(),
            li.QuerySelector(".distance")?.Text())).ToList();

    /// <summary>Every page of an agenda address, following its rel=next links; the heading of the first.</summary>
    private static async Task<(string Heading, List<Listed> All, int Pages)> AllPagesAsync(HttpClient client, string url)
    {
        var doc = await client.GetDocumentAsync(url);
        var heading = doc.QuerySelector("#resultaten").Text();
        var all = Listing(doc);
        var pages = 1;
        while (doc.QuerySelector("nav.pages a[rel=next]")?.GetAttribute("href") is { } next)
        {
            Assert.True(pages < 50, "the agenda's pages do not end");
            doc = await client.GetDocumentAsync(next);
            Assert.NotNull(doc.QuerySelector("nav.pages a[rel=prev]"));
            all.AddRange(Listing(doc));
            pages++;
        }

        return (heading, all, pages);
    }

    /// <summary>The dates the agenda's four weeks hold for these activities, computed by the site's calendar.</summary>
    private static async Task<List<ActivityOccurrence>> ExpectedAsync(SiteFactory site, Func<Activity, bool> keep)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Buurtplatform.Web.Data.AppDbContext>();
        var calendar = scope.ServiceProvider.GetRequiredService<ActivityCalendar>();
        await calendar.PrepareAsync();
        var activities = await db.PublicActivities().ToListAsync();
        return calendar.Upcoming(activities.Where(keep), calendar.Today, calendar.Today.PlusDays(Buurtplatform.Web.Agenda.AgendaPageModel.DaysAhead));
    }

    private static readonly string[] Months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary>"dinsdag 24 november" in the agenda's four weeks from 23 November 2026.</summary>
    private static DateOnly DateOf(string day)
    {
        var parts = day.Split(' ');
        var month = Array.IndexOf(Months, parts[2]) + 1;
        return new DateOnly(month >= 11 ? 2026 : 2027, month, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static double Meters(GeoPoint from, Activity a) => from.DistanceMetersTo(new GeoPoint(a.MeetingPlace.Latitude, a.MeetingPlace.Longitude));

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task OnlyDatesWithinTheChosenDistanceAreListedByDateThenDistanceAndCountedAsListed(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();

        foreach (var km in new[] { 1, 2 })
        {
            var expected = await ExpectedAsync(site, a => Meters(Pc2525, a) <= km * 1000);
            var (heading, listed, _) = await AllPagesAsync(client, $"/agenda?postcode=2525&afstand={km}");

            Assert.NotEmpty(listed);
            Assert.Equal($"{expected.Count} keer iets te doen binnen {km} km van 2525", heading);
            Assert.Equal(expected.Count, listed.Count);
            Assert.Equal(expected.Select(o => Links.Activity(o.Activity)).Order(StringComparer.Ordinal), listed.Select(l => l.Href).Order(StringComparer.Ordinal));
            // Every listed date is inside the distance and says how far, the Dutch way: "800 m", "1,2 km".
            Assert.All(listed, l => Assert.Matches(@"^(\d00 m|\d,\d km|\d+ km)$", l.Distance));
            var byHref = expected.Select(o => o.Activity).DistinctBy(a => a.Id).ToDictionary(Links.Activity);
            Assert.All(listed, l => Assert.True(Meters(Pc2525, byHref[l.Href]) <= km * 1000, $"{l.Href} is outside {km} km"));
            // By date, and within a date the nearest first.
            var order = listed.Select((l, i) => (Day: l.Day, Meters: Meters(Pc2525, byHref[l.Href]), i)).ToList();
            for (var i = 1; i < order.Count; i++)
            {
                if (order[i].Day == order[i - 1].Day)
                    Assert.True(order[i - 1].Meters <= order[i].Meters, $"on {order[i].Day} {listed[i - 1].Href} comes before the nearer {listed[i].Href}");
            }

            var dates = listed.Select(l => DateOf(l.Day)).ToList();
            Assert.Equal(dates.Order().ToList(), dates);
        }

        // 1 km holds only Schilderswijk (its places are 160-530 m away); 2 km adds Laak and Moerwijk, never Zwolle.
        var (_, oneKm, _) = await AllPagesAsync(client, "/agenda?postcode=2525&afstand=1");
        Assert.All(oneKm, l => Assert.StartsWith("/den-haag/schilderswijk/", l.Href));
        var (_, twoKm, _) = await AllPagesAsync(client, "/agenda?postcode=2525%20AB");
        Assert.Contains(twoKm, l => l.Href.StartsWith("/den-haag/moerwijk/", StringComparison.Ordinal));
        Assert.All(twoKm, l => Assert.StartsWith("/den-haag/", l.Href));
    }

    [Fact]
    public async Task AFullPostcodeIsRedirectedToItsFourDigitsWithTheDefaultDistanceAndNeverStored()
    {
        using var site = new SiteFactory();
        site.Settings["Logging:LogLevel:Default"] = "Trace";
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/agenda?leeftijd=2&postcode=2525%20AB");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/agenda?leeftijd=2&postcode=2525&afstand=2", response.Headers.Location!.OriginalString);

        response = await client.GetAsync("/agenda?leeftijd=2&postcode=2525&afstand=2");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var doc = await client.GetDocumentAsync("/agenda?leeftijd=2&postcode=2525&afstand=2");
        Assert.Equal("2525", doc.QuerySelector("#postcode")!.GetAttribute("value"));
        Assert.True(doc.QuerySelector("#afstand option[value='2']")!.HasAttribute("selected"));
        Assert.DoesNotContain("2525", site.Logs.AllText);
    }

    [Fact]
    public async Task NothingNearSaysSoAndOffersTheNextDistanceUp()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        // 4301 is Zierikzee: no meeting place within 10 km.
        Assert.Empty(await ExpectedAsync(site, a => Meters(Centre(4301), a) <= 10_000));

        var doc = await client.GetDocumentAsync("/agenda?postcode=4301&afstand=2");
        Assert.Equal("0 keer iets te doen binnen 2 km van 4301", doc.QuerySelector("#resultaten").Text());
        Assert.Contains("Binnen 2 km van postcode 4301 is in de komende weken niets", doc.QuerySelector(".empty").Text());
        var further = doc.QuerySelector(".empty a.next-distance")!;
        Assert.Equal("Kijk binnen 5 km", further.Text());
        Assert.Equal("/agenda?postcode=4301&afstand=5", further.GetAttribute("href"));

        doc = await client.GetDocumentAsync(further.GetAttribute("href")!);
        Assert.Equal("/agenda?postcode=4301&afstand=10", doc.QuerySelector(".empty a.next-distance")!.GetAttribute("href"));

        // From the largest step there is no further one: the way out is the agenda without the postcode.
        doc = await client.GetDocumentAsync("/agenda?postcode=4301&afstand=10&leeftijd=2");
        Assert.Null(doc.QuerySelector(".empty a.next-distance"));
        Assert.Contains(doc.QuerySelectorAll(".empty a"), a => a.GetAttribute("href") == "/agenda?leeftijd=2" && a.Text() == "Zonder postcode");
    }

    [Fact]
    public async Task OneDateIsCountedInTheSingular()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var all = await ExpectedAsync(site, a => Meters(Pc2525, a) <= 1000);
        // Some activity within 1 km with exactly one date on some weekday in the four weeks: that filter lists one date.
        var single = all.GroupBy(o => (o.Activity.Type, Day: o.Start.DayOfWeek))
            .Where(g => g.Count() == 1)
            .Select(g => g.Single()).FirstOrDefault();
        Assert.NotNull(single);
        var day = Buurtplatform.Web.Agenda.AgendaFilter.DayWords[(int)NodaTime.Utility.BclConversions.ToDayOfWeek(single.Start.DayOfWeek)];

        var doc = await client.GetDocumentAsync($"/agenda?postcode=2525&afstand=1&soort={single.Activity.Type.ToSlug()}&dag={day}");

        Assert.Equal("1 keer iets te doen binnen 1 km van 2525", doc.QuerySelector("#resultaten").Text());
        Assert.Equal(Links.Activity(single.Activity), Assert.Single(Listing(doc)).Href);
    }

    [Fact]
    public void APostcodeIsKeptAsItsFourDigitsAndADistanceOnlyWithIt()
    {
        var filter = Buurtplatform.Web.Agenda.AgendaFilter.Parse(
            new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["postcode"] = " 2525-ab ", ["afstand"] = "5", ["leeftijd"] = "2" }, out var problems);
        Assert.Empty(problems);
        Assert.Equal("2525", filter.Postcode);
        Assert.True(filter.PostcodeWasLong);
        Assert.Equal("?leeftijd=2&postcode=2525&afstand=5", filter.ToQueryString());
        Assert.Equal("?leeftijd=2", filter.ToQueryString("postcode"));

        // The form always sends a distance; without a postcode it is no choice at all.
        var noPostcode = Buurtplatform.Web.Agenda.AgendaFilter.Parse(
            new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["postcode"] = "", ["afstand"] = "2" }, out problems);
        Assert.Empty(problems);
        Assert.True(noPostcode.IsEmpty);
        Assert.Equal("", noPostcode.ToQueryString());

        Assert.Equal(5, Distances.NextUp(2));
        Assert.Equal(10, Distances.NextUp(5));
        Assert.Null(Distances.NextUp(10));
    }

    [Theory]
    [InlineData("/agenda?postcode=2525&afstand=3")]
    [InlineData("/agenda?postcode=2525&afstand=twee")]
    [InlineData("/agenda?postcode=2525&afstand=2&afstand=5")]
    public async Task ADistanceTheFormCannotSendIsExplainedWithStatus400(string url)
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();

        var doc = await client.GetDocumentAsync(url, expectedStatus: 400);

        Assert.Matches("Kies als afstand 1, 2, 5 of 10 km|U koos meer dan één afstand", doc.QuerySelector(".notice").Text());
        Assert.NotEmpty(Listing(doc)); // the postcode at the default distance, or the agenda without the part it cannot read
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync(url.Replace("/agenda", "/agenda.ics", StringComparison.Ordinal))).StatusCode);
    }

    [Theory]
    [InlineData("/agenda?postcode=0000", "0000")]
    [InlineData("/agenda?postcode=1000&afstand=5", "1000")] // well-formed, but no such area in the data
    [InlineData("/agenda?postcode=abcd", "abcd")]
    public async Task AnUnknownPostcodeGetsAClearMessageAndTheWholeAgendaNotAnEmptyList(string url, string typed)
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync(url);

        Assert.Contains("Dit is geen postcode die we kennen", doc.QuerySelector(".notice").Text());
        Assert.NotEmpty(Listing(doc));
        Assert.Null(doc.QuerySelector(".distance"));
        Assert.Matches(@"^\d+ keer iets te doen$", doc.QuerySelector("#resultaten").Text());
        // The form is open with the postcode marked, to correct it.
        Assert.True(doc.QuerySelector("details.filter-summary")!.HasAttribute("open"));
        Assert.Equal(typed, doc.QuerySelector("#postcode")!.GetAttribute("value"));
        Assert.Equal("true", doc.QuerySelector("#postcode")!.GetAttribute("aria-invalid"));
        Assert.Null(doc.QuerySelector("section.subscribe")); // no feed link for a choice that does not work

        // A feed cannot explain and go on: it refuses, in Dutch.
        var feed = await site.CreateClient().GetAsync(url.Replace("/agenda", "/agenda.ics", StringComparison.Ordinal));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, feed.StatusCode);
        Assert.Contains("Dit is geen postcode die we kennen. Vul vier cijfers in, zoals 2525.", await feed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AfterChoosingTheResultsComeFirstUnderALineThatSaysWhatWasChosen()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();

        var empty = await client.GetDocumentAsync("/agenda");
        Assert.True(empty.QuerySelector("details.filter-summary")!.HasAttribute("open"));

        var doc = await client.GetDocumentAsync("/agenda?leeftijd=2&eenheid=jaar&dag=dinsdag&postcode=2525&afstand=2");
        var details = doc.QuerySelector("details.filter-summary")!;
        Assert.False(details.HasAttribute("open"));
        Assert.Equal("2 jaar · dinsdag · 2525 · 2 km — wijzigen", details.QuerySelector("summary").Text());
        Assert.NotNull(details.QuerySelector("form[action='/agenda'] button[type=submit]"));
        // In the document, the results' heading follows the folded form directly: nothing else stands before them.
        Assert.Same(details.NextElementSibling, doc.QuerySelector("section[aria-labelledby=resultaten]"));
        Assert.All(Listing(doc), l => Assert.StartsWith("dinsdag", l.Day));
    }

    [Fact]
    public async Task TheFeedOfANearFilterHoldsExactlyWhatTheAgendaLists()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();

        var doc = await client.GetDocumentAsync("/agenda?postcode=2525&afstand=1");
        var feedLink = doc.QuerySelector("section.subscribe input.copy-link")!.GetAttribute("value")!;
        Assert.EndsWith("/agenda.ics?postcode=2525&afstand=1", feedLink);

        var response = await client.GetAsync("/agenda.ics?postcode=2525&afstand=1");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Private: true, Public: false, MaxAge.TotalHours: 1 }, response.Headers.CacheControl?.ToString());
        var ics = await response.Content.ReadAsStringAsync();
        var listed = (await AllPagesAsync(client, "/agenda?postcode=2525&afstand=1")).All.Select(l => l.Href).ToHashSet();
        var expected = (await ExpectedAsync(site, a => Meters(Pc2525, a) <= 1000)).Select(o => o.Activity).DistinctBy(a => a.Id).ToList();
        Assert.Equal(listed, expected.Select(Links.Activity).ToHashSet());
        Assert.All(expected, a => Assert.Contains($"UID:{a.Key}@buurtplatform", ics, StringComparison.Ordinal));
        var all = await client.GetStringAsync("/agenda.ics");
        var outside = (await ExpectedAsync(site, a => Meters(Pc2525, a) > 1000)).Select(o => o.Activity).DistinctBy(a => a.Id).ToList();
        Assert.NotEmpty(outside);
        Assert.All(outside, a => Assert.DoesNotContain($"UID:{a.Key}@buurtplatform", ics, StringComparison.Ordinal));
        Assert.All(outside, a => Assert.Contains($"UID:{a.Key}@buurtplatform", all, StringComparison.Ordinal));
    }
}
