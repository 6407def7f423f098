using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using Buurtplatform.Tests.Calendar;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Extensions;

namespace Buurtplatform.Tests.Feeds;

/// <summary>The site's .ics feeds on the seed content: validators, stability, filters, identity, and what calendar apps make of them.</summary>
public sealed class CalendarFeedTests
{
    private const string TaalplezierFeed = "/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters.ics";

    private static async Task<List<string>> AllFeedPaths(SiteFactory site) => await site.WithDbAsync(async db =>
    {
        var paths = new List<string> { "/agenda.ics" };
        paths.AddRange((await db.PublicGemeenten().ToListAsync()).Select(g => Links.Gemeente(g) + ".ics"));
        paths.AddRange((await db.PublicWijken().Include(w => w.Gemeente).ToListAsync()).Select(w => Links.Wijk(w) + ".ics"));
        var activities = await db.PublicActivities().ToListAsync();
        paths.AddRange(activities.Select(a => a.MeetingPlace).DistinctBy(p => p.Id).Select(p => Links.MeetingPlace(p) + ".ics"));
        paths.AddRange(activities.Select(a => Links.Activity(a) + ".ics"));
        paths.AddRange(activities.Select(a => a.Type).Distinct().Select(t => $"/soort/{t.ToSlug()}.ics"));
        return paths;
    });

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryFeedIsACalendarWithValidatorsAndAnswers304WhenUnchanged(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();
        var paths = await AllFeedPaths(site);
        Assert.True(paths.Count > 50, $"{paths.Count} feeds");

        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            var text = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("BEGIN:VCALENDAR\r\nPRODID:", text);
            Assert.Contains("BEGIN:VEVENT", text);
            var etag = response.Headers.ETag!;
            var lastModified = response.Content.Headers.LastModified!.Value;

            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

            using var since = new HttpRequestMessage(HttpMethod.Get, path);
            since.Headers.IfModifiedSince = lastModified;
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since)).StatusCode);

            using var stale = new HttpRequestMessage(HttpMethod.Get, path);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
        }
    }

    [Fact]
    public async Task UnchangedContentGivesByteIdenticalFeedsAcrossRestartsAndDuringTheDay()
    {
        byte[] first, second;
        using (var site = new SiteFactory())
            first = await site.CreateClient().GetByteArrayAsync("/den-haag/schilderswijk.ics");
        using (var site = new SiteFactory())
        {
            site.Clock.Advance(TimeSpan.FromHours(6));
            second = await site.CreateClient().GetByteArrayAsync("/den-haag/schilderswijk.ics");
        }

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task AnEditKeepsTheUidAndRaisesSequenceOnlyForTimePlaceRecurrenceOrStatus()
    {
        var content = CopySeed();
        using var site = new SiteFactory(seeded: true, contentPath: content);
        var client = site.CreateClient();
        var file = Path.Combine(content, "den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters.md");

        var before = IcsReader.Read(await client.GetStringAsync(TaalplezierFeed)).Events.Single(e => e.Series.Rule is not null || e.Series.Overrides.Count > 0);
        Assert.Equal(0, before.Sequence);

        // A text change: same UID, same SEQUENCE, new DTSTAMP.
        Rewrite(file, "updated: 2026-10-03T16:00:00Z", "updated: 2026-11-20T10:00:00Z");
        Rewrite(file, "Met plezier taal leren:", "Met veel plezier taal leren:");
        await ImportAsync(site, content);
        var textEdit = IcsReader.Read(await client.GetStringAsync(TaalplezierFeed)).Events.First();
        Assert.Equal(before.Uid, textEdit.Uid);
        Assert.Equal(0, textEdit.Sequence);
        Assert.Equal(Instant.FromUtc(2026, 11, 20, 10, 0), textEdit.LastModified);

        // A time change: SEQUENCE goes up.
        Rewrite(file, "time: \"09:30-11:00\"", "time: \"10:00-11:30\"");
        await ImportAsync(site, content);
        var timeEdit = IcsReader.Read(await client.GetStringAsync(TaalplezierFeed)).Events.First();
        Assert.Equal(before.Uid, timeEdit.Uid);
        Assert.Equal(1, timeEdit.Sequence);

        // A cancelled date: SEQUENCE goes up again; the override keeps the series' UID.
        Rewrite(file, "    - date: 2026-12-15\n      reason: juf ziek\n", "    - date: 2026-12-15\n      reason: juf ziek\n    - date: 2026-12-08\n      reason: studiedag\n");
        await ImportAsync(site, content);
        var text = await client.GetStringAsync(TaalplezierFeed);
        var cancelEdit = IcsReader.Read(text).Events.First();
        Assert.Equal(2, cancelEdit.Sequence);
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Amsterdam:20261208T100000\r\n", text);
        Assert.Equal(2, await site.WithDbAsync(db => db.Activities.Where(a => a.Slug == "taalplezier-voor-peuters").Select(a => a.Sequence).SingleAsync()));

        // The export carries the sequence, so a fresh install from it does not go back to 0.
        var exported = await site.WithDbAsync(db => new ContentExporter(db).RenderAsync());
        Assert.Contains("\nsequence: 2\n", exported["den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters.md"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?wijk=den-haag/schilderswijk&leeftijd=2&dag=dinsdag")]
    [InlineData("?gratis=ja&taal=ar")]
    [InlineData("?soort=samen-zingen&dag=donderdag&dag=vrijdag")]
    [InlineData("?soort=samen-zingen&dag=vrijdag")] // Zwolle-Zuid's Thursday 3 December moved to Friday 4 December
    [InlineData("?wijk=zwolle/zwolle-zuid&dag=donderdag")] // … and so is not on a Thursday
    [InlineData("?leeftijd=6&eenheid=maanden")]
    [InlineData("?wijk=zwolle/zwolle-zuid")]
    public async Task TheFeedOfAFilterHoldsExactlyWhatTheFilteredAgendaShows(string query)
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("nl-NL");
        using var site = new SiteFactory();
        var client = site.CreateClient();

        var page = await client.GetDocumentAsync("/agenda" + query);
        var shown = page.QuerySelectorAll("ul.occurrences li").Select(li =>
            $"{li.QuerySelector("a")!.GetAttribute("href")} {li.ParentElement!.PreviousElementSibling.Text()} {li.QuerySelector(".when").Text()} {(li.ClassList.Contains("cancelled") ? "vervalt" : "")}").ToList();
        Assert.NotEmpty(shown);
        var subscribe = page.QuerySelector(".subscribe input.copy-link")!.GetAttribute("value")!;
        Assert.StartsWith("http://localhost:5080/agenda.ics", subscribe);

        var feed = IcsReader.Read(await client.GetStringAsync(new Uri(subscribe).PathAndQuery));
        var today = new LocalDate(2026, 11, 23);
        var window = new Interval(today.AtStartOfDayInZone(SiteZone.Zone).ToInstant(), today.PlusDays(28).AtStartOfDayInZone(SiteZone.Zone).ToInstant());
        var now = site.Clock.Now.ToInstant();
        await using var scope = site.Scope();
        var dates = scope.ServiceProvider.GetRequiredService<Web.Infrastructure.DateText>();
        var inFeed = feed.Events
            .SelectMany(e => RecurrenceExpander.Expand(e.Series, window).Where(o => o.End.ToInstant() > now).Select(o => (Event: e, Occurrence: o)))
            .Select(x => $"{x.Event.Url!.AbsolutePath} {dates.Day(x.Occurrence.Start.Date)} {dates.TimeRange(x.Occurrence.Start.TimeOfDay, x.Occurrence.End.TimeOfDay)} {(x.Occurrence.Status == OccurrenceStatus.Cancelled ? "vervalt" : "")}")
            .ToList();

        Assert.Equal(shown.Order(), inFeed.Order());
    }

    [Theory]
    [InlineData("/agenda.ics?dag=blauwdag", "Deze dag kennen we niet")]
    [InlineData("/agenda.ics?leeftijd=twee", "0 tot en met 6 jaar")]
    [InlineData("/agenda.ics?wijk=nergens/niets", "Deze wijk kennen we niet")]
    [InlineData("/agenda.ics?soort=raket", "Deze soort activiteit kennen we niet")]
    [InlineData("/agenda.ics?gratis=misschien", "alleen het vakje aanvinken")]
    [InlineData("/agenda.ics?iets=anders", "'iets' is geen keuze")]
    [InlineData("/soort/raket.ics", "Deze soort activiteit kennen we niet")]
    [InlineData("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters/24-11-2026.ics", "2026-11-24")]
    public async Task UnknownOrMalformedFilterValuesGet400WithAShortExplanation(string url, string explanation)
    {
        using var site = new SiteFactory();
        var response = await site.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(explanation, body);
        Assert.DoesNotContain("BEGIN:VCALENDAR", body);
    }

    [Theory]
    [InlineData("/bestaat-niet.ics")]
    [InlineData("/den-haag/nergens.ics")]
    [InlineData("/den-haag/schilderswijk/activiteiten/bestaat-niet.ics")]
    [InlineData("/den-haag/schilderswijk/ontmoetingsplekken/bestaat-niet.ics")]
    [InlineData("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters/2026-11-25.ics")] // a Wednesday: not one of its dates
    public async Task UnknownFeedsAre404(string url)
    {
        using var site = new SiteFactory();
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task OneDateDownloadsAsItsOwnEventDerivedFromTheSeries()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var series = IcsReader.Read(await client.GetStringAsync(TaalplezierFeed)).Events.First();

        var response = await client.GetAsync("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters/2026-11-24.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"taalplezier-voor-peuters-2026-11-24.ics\"", response.Content.Headers.ContentDisposition!.ToString());
        var single = IcsReader.Read(await response.Content.ReadAsStringAsync()).Events.Single();
        Assert.Equal(IcsWriter.OccurrenceUid(series.Uid, new LocalDateTime(2026, 11, 24, 9, 30)), single.Uid);
        Assert.Null(single.Series.Rule);
        Assert.Equal(new LocalDateTime(2026, 11, 24, 9, 30), single.Series.Start);

        var page = await client.GetDocumentAsync("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters");
        Assert.Contains(page.QuerySelectorAll("a.add-date"), a => a.GetAttribute("href") == "/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters/2026-11-24.ics");
    }

    [Theory]
    [InlineData("/", "/agenda.ics")]
    [InlineData("/den-haag", "/den-haag.ics")]
    [InlineData("/den-haag/schilderswijk", "/den-haag/schilderswijk.ics")]
    [InlineData("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen", "/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen.ics")]
    [InlineData("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters", TaalplezierFeed)]
    [InlineData("/agenda?leeftijd=2", "/agenda.ics?leeftijd=2")]
    public async Task PagesWithAFeedOfferWebcalGoogleOutlookACopyableLinkAndExplainSubscribing(string page, string feed)
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync(page);

        var block = doc.QuerySelector("section.subscribe")!;
        var hrefs = block.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("webcal://localhost:5080" + feed, hrefs);
        Assert.Contains(hrefs, h => h.StartsWith("https://calendar.google.com/calendar/r?cid=", StringComparison.Ordinal) && Uri.UnescapeDataString(h).EndsWith("webcal://localhost:5080" + feed, StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("https://outlook.live.com/calendar/0/addfromweb?url=", StringComparison.Ordinal) && Uri.UnescapeDataString(h).Contains("http://localhost:5080" + feed, StringComparison.Ordinal));
        Assert.Equal("http://localhost:5080" + feed, block.QuerySelector("input.copy-link")!.GetAttribute("value"));
        Assert.NotNull(block.QuerySelector($"label[for='{block.QuerySelector("input.copy-link")!.Id}']"));
        var text = block.Text();
        Assert.Contains("Met abonneren ziet u deze activiteiten in de agenda van uw telefoon of computer", text);
        Assert.Contains("Google Agenda kan er tot een dag over doen", text);
    }

    [Fact]
    public async Task CancelledDatesStayListedStruckThroughWithTheirReasonAndMovedDatesSaySo()
    {
        using var site = new SiteFactory();
        site.Clock.Now = new DateTimeOffset(2026, 12, 8, 7, 0, 0, TimeSpan.Zero);
        var client = site.CreateClient();

        var activity = await client.GetDocumentAsync("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters");
        var cancelled = activity.QuerySelectorAll("dl.facts-list li").Single(li => li.QuerySelector("del") is not null);
        Assert.Equal("dinsdag 15 december, 9.30–11.00 uur", cancelled.QuerySelector("del").Text());
        Assert.Equal("vervalt: juf ziek", cancelled.QuerySelector(".status").Text());
        var moved = activity.QuerySelectorAll("dl.facts-list li").Single(li => li.Text().Contains("verplaatst", StringComparison.Ordinal));
        Assert.StartsWith("donderdag 7 januari, 9.30–11.00 uur", moved.Text());
        Assert.Contains("verplaatst, was dinsdag 5 januari (de ruimte is dinsdag bezet)", moved.Text());

        var wijk = await client.GetDocumentAsync("/den-haag/schilderswijk");
        var struck = wijk.QuerySelectorAll("ul.occurrences li.cancelled").Single();
        Assert.Equal("vervalt: juf ziek", struck.QuerySelector(".status").Text());
        Assert.Equal("dinsdag 15 december", struck.ParentElement!.PreviousElementSibling.Text());

        var agenda = await client.GetDocumentAsync("/agenda?wijk=den-haag/schilderswijk");
        Assert.Single(agenda.QuerySelectorAll("ul.occurrences li.cancelled del a[href='/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters']"));

        var events = JsonDocument.Parse(activity.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement.EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("startDate").GetString() == "2026-12-15T09:30:00+01:00" && e.GetProperty("eventStatus").GetString() == "https://schema.org/EventCancelled");
    }

    [Fact]
    public async Task ASeriesThatSkipsSchoolHolidaysHasNoDatesInTheChristmasHoliday()
    {
        using var site = new SiteFactory();
        site.Clock.Now = new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero);
        var doc = await site.CreateClient().GetDocumentAsync("/zwolle/holtenbroek/activiteiten/taalplezier");

        var dates = doc.QuerySelectorAll("dl.facts-list li").Select(li => li.Text()).ToList();
        Assert.StartsWith("donderdag 17 december", dates[0]);
        Assert.StartsWith("donderdag 7 januari", dates[1]); // 24 and 31 December fall in the Kerstvakantie
    }

    [Fact]
    public async Task IcalJsExpandsEveryFeedOfTheSiteToExactlyTheDatesOurPagesShow()
    {
        var tools = IcalJsCrossCheckTests.FindToolsOrSkip();
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var work = Directory.CreateTempSubdirectory("bp-icaljs-").FullName;
        try
        {
            await using var scope = site.Scope();
            var calendar = scope.ServiceProvider.GetRequiredService<ActivityCalendar>();
            var builder = scope.ServiceProvider.GetRequiredService<FeedBuilder>();
            var window = builder.Window;
            var activities = await scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>().PublicActivities().ToListAsync();
            var byUid = activities.ToDictionary(FeedBuilder.Uid);
            var checkedEvents = 0;

            foreach (var path in await AllFeedPaths(site))
            {
                var file = Path.Combine(work, "feed.ics");
                await File.WriteAllBytesAsync(file, await client.GetByteArrayAsync(path));
                var output = IcalJsCrossCheckTests.RunNode(tools, file, IcalJsCrossCheckTests.JavaScriptIso.Format(window.Start), IcalJsCrossCheckTests.JavaScriptIso.Format(window.End));
                var theirs = JsonSerializer.Deserialize<Dictionary<string, List<JsOccurrence>>>(output)!;
                Assert.NotEmpty(theirs);

                // The Outlook-safe writer may spell a series as separate events with UIDs derived from the
                // series' UID ("{uid}-{yyyyMMddTHHmmss}"): compare per series.
                var bySeries = theirs.GroupBy(p => p.Key.Contains("@buurtplatform-", StringComparison.Ordinal) ? p.Key[..(p.Key.IndexOf("@buurtplatform-", StringComparison.Ordinal) + "@buurtplatform".Length)] : p.Key)
                    .ToDictionary(g => g.Key, g => g.SelectMany(p => p.Value).ToList());
                foreach (var (uid, occurrences) in bySeries)
                {
                    // What our pages show for this activity: ActivityCalendar, the same code the pages use.
                    var activity = byUid[uid];
                    var ours = calendar.Expand(activity, window.Start.InZone(SiteZone.Zone).Date, window.End.InZone(SiteZone.Zone).Date)
                        .Where(o => o.End.ToInstant() > window.Start && o.Start.ToInstant() < window.End)
                        .Select(o => $"{IcalJsCrossCheckTests.JavaScriptIso.Format(o.Start.ToInstant())} {IcalJsCrossCheckTests.JavaScriptIso.Format(o.End.ToInstant())} {o.Status}")
                        .Order().ToList();
                    var icalJs = occurrences.Select(o => $"{o.Start} {o.End} {o.Status}").Order().ToList();
                    Assert.True(ours.SequenceEqual(icalJs), $"{path} {activity.Slug}:\nours:    {string.Join(", ", ours)}\nical.js: {string.Join(", ", icalJs)}");
                    checkedEvents++;
                }
            }

            Assert.True(checkedEvents > 100, $"{checkedEvents} events checked");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record JsOccurrence(
        [property: System.Text.Json.Serialization.JsonPropertyName("recurrenceId")] string RecurrenceId,
        [property: System.Text.Json.Serialization.JsonPropertyName("start")] string Start,
        [property: System.Text.Json.Serialization.JsonPropertyName("end")] string End,
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status);

    private static void Rewrite(string file, string find, string replace)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(find, text);
        File.WriteAllText(file, text.Replace(find, replace, StringComparison.Ordinal));
    }

    private static async Task ImportAsync(SiteFactory site, string folder)
    {
        await using var scope = site.Scope();
        await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(folder);
    }

    private static string CopySeed()
    {
        var target = Directory.CreateTempSubdirectory("bp-feed-content-").FullName;
        foreach (var file in Directory.GetFiles(TestEnvironment.SeedContent, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(TestEnvironment.SeedContent, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }
}
