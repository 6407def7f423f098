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
using Ical.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

        var before = IcalNetReading.Masters(IcalNetReading.Parse(await client.GetStringAsync(TaalplezierFeed))).Single();
        Assert.Equal(0, before.Sequence);

        // A text change: same UID, same SEQUENCE, new DTSTAMP.
        Rewrite(file, "updated: 2026-10-03T16:00:00Z", "updated: 2026-11-20T10:00:00Z");
        Rewrite(file, "Met plezier taal leren:", "Met veel plezier taal leren:");
        await ImportAsync(site, content);
        var textEdit = IcalNetReading.Masters(IcalNetReading.Parse(await client.GetStringAsync(TaalplezierFeed))).First();
        Assert.Equal(before.Uid, textEdit.Uid);
        Assert.Equal(0, textEdit.Sequence);
        Assert.Equal(Instant.FromUtc(2026, 11, 20, 10, 0), IcalNetReading.ToInstant(textEdit.DtStamp!));

        // A time change: SEQUENCE goes up.
        Rewrite(file, "time: \"09:30-11:00\"", "time: \"10:00-11:30\"");
        await ImportAsync(site, content);
        var timeEdit = IcalNetReading.Masters(IcalNetReading.Parse(await client.GetStringAsync(TaalplezierFeed))).First();
        Assert.Equal(before.Uid, timeEdit.Uid);
        Assert.Equal(1, timeEdit.Sequence);

        // A cancelled date: SEQUENCE goes up again; the override keeps the series' UID.
        Rewrite(file, "    - date: 2026-12-15\n      reason: juf ziek\n", "    - date: 2026-12-15\n      reason: juf ziek\n    - date: 2026-12-08\n      reason: studiedag\n");
        await ImportAsync(site, content);
        var text = await client.GetStringAsync(TaalplezierFeed);
        var cancelEdit = IcalNetReading.Masters(IcalNetReading.Parse(text)).First();
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
    [InlineData("?soort=peutergedrag&dag=dinsdag")] // one-off evenings: a first date and extra dates
    [InlineData("?leeftijd=6&eenheid=maanden")]
    [InlineData("?wijk=zwolle/zwolle-zuid")]
    [InlineData("?postcode=2525&afstand=1")] // near me: only Schilderswijk's places
    [InlineData("?leeftijd=2&postcode=8014&afstand=5")]
    public async Task TheFeedOfAFilterHoldsExactlyWhatTheFilteredAgendaShows(string query)
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("nl-NL");
        using var site = new SiteFactory();
        var client = site.CreateClient();

        var page = await client.GetDocumentAsync("/agenda" + query);
        var shown = new List<string>();
        // Every page of the agenda (rel=next), so the whole filter is compared, not its first page.
        for (var next = page; ;)
        {
            shown.AddRange(next.QuerySelectorAll("ul.occurrences li").Select(li =>
                $"{li.QuerySelector("a")!.GetAttribute("href")} {li.ParentElement!.PreviousElementSibling.Text()} {li.QuerySelector(".when").Text()} {(li.ClassList.Contains("cancelled") ? "vervalt" : "")}"));
            if (next.QuerySelector("nav.pages a[rel=next]")?.GetAttribute("href") is not { } link)
                break;
            next = await client.GetDocumentAsync(link);
        }

        Assert.NotEmpty(shown);
        var subscribe = page.QuerySelector(".subscribe input.copy-link")!.GetAttribute("value")!;
        Assert.StartsWith("http://localhost:5080/agenda.ics", subscribe);

        var feed = IcalNetReading.Parse(await client.GetStringAsync(new Uri(subscribe).PathAndQuery));
        var today = new LocalDate(2026, 11, 23);
        var window = new Interval(today.AtStartOfDayInZone(SiteZone.Zone).ToInstant(), today.PlusDays(28).AtStartOfDayInZone(SiteZone.Zone).ToInstant());
        var now = site.Clock.Now.ToInstant();
        await using var scope = site.Scope();
        var dates = scope.ServiceProvider.GetRequiredService<Web.Infrastructure.DateText>();
        // Ical.Net expands the feed: what a calendar app shows must be what the page shows.
        var inFeed = feed.GetOccurrences(IcalNetReading.Utc(window.Start)).TakeWhileBefore(IcalNetReading.Utc(window.End))
            .Select(o => (Url: ((Ical.Net.CalendarComponents.CalendarEvent)o.Source).Url!, Date: IcalNetReading.ToDate(o)))
            .Where(x => x.Date.End > now)
            .Select(x => (x.Url, Start: x.Date.Start.InZone(SiteZone.Zone), End: x.Date.End.InZone(SiteZone.Zone), x.Date.Cancelled))
            .Select(x => $"{x.Url.AbsolutePath} {dates.Day(x.Start.Date)} {dates.TimeRange(x.Start.TimeOfDay, x.End.TimeOfDay)} {(x.Cancelled ? "vervalt" : "")}")
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
    [InlineData("/agenda.ics?taal=xx", "Deze taal kennen we niet")]
    [InlineData("/agenda.ics?wijk=den-haag/schilderswijk&wijk=zwolle/zwolle-zuid", "meer dan één wijk")]
    [InlineData("/agenda.ics?taal=ar&taal=tr", "meer dan één taal")]
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
    public async Task EveryFeedAnswersHeadWithTheStatusAndHeadersOfGetAndNoBody()
    {
        // Kestrel, not the in-memory test server: what a link checker's HEAD sees on the wire.
        using var site = new SiteFactory();
        site.UseKestrel(0);
        site.StartServer();
        var server = new Uri(site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var paths = await AllFeedPaths(site);
        paths.Add("/agenda.ics?wijk=den-haag/schilderswijk&dag=dinsdag");
        paths.Add("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters/2026-11-24.ics"); // one date as a download
        paths.Add("/agenda.ics?dag=blauwdag"); // 400
        paths.Add("/den-haag/schilderswijk/activiteiten/bestaat-niet.ics"); // 404

        foreach (var path in paths)
        {
            var get = await RawHttpAsync(server, "GET", path);
            var head = await RawHttpAsync(server, "HEAD", path);

            Assert.True(get.Status == head.Status, $"HEAD {path}: {head.Status}, GET: {get.Status}");
            // Date is the clock; Transfer-Encoding frames a body that HEAD does not have.
            string[] Comparable(List<string> headers) => [.. headers.Where(h => !h.StartsWith("date:", StringComparison.OrdinalIgnoreCase) && !h.StartsWith("transfer-encoding:", StringComparison.OrdinalIgnoreCase)).Order()];
            Assert.Equal(Comparable(get.Headers), Comparable(head.Headers));
            Assert.True(head.Body.Length == 0, $"HEAD {path} sent {head.Body.Length} bytes of body");
        }

        Assert.Equal(200, (await RawHttpAsync(server, "HEAD", "/agenda.ics")).Status);
        Assert.Equal(200, (await RawHttpAsync(server, "HEAD", "/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters/2026-11-24.ics")).Status);
    }

    [Fact]
    public async Task EachContentEncodingGetsAValidatorThatIsRightForItAndAnswers304()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        const string path = "/den-haag/schilderswijk.ics";
        var tags = new Dictionary<string, EntityTagHeaderValue>();

        foreach (var encoding in new[] { "identity", "gzip", "br" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(encoding == "identity" ? [] : [encoding], response.Content.Headers.ContentEncoding);
            tags[encoding] = response.Headers.ETag!;

            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.AcceptEncoding.ParseAdd(encoding);
            again.Headers.IfNoneMatch.Add(tags[encoding]);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }

        // RFC 9110 8.8.3: a strong validator names exactly these bytes, so the gzip and br bytes may not share
        // the identity bytes' strong tag; a weak one says "the same content" and may be shared.
        foreach (var (encoding, tag) in tags)
            Assert.True(tag.IsWeak || tags.Count(t => t.Value.Tag == tag.Tag) == 1, $"{encoding} has the strong ETag {tag} of another encoding");
    }

    [Fact]
    public async Task AnActivityHasTheSameEventsUnderTheSameUidsInEveryFeedAndADayFilterOnlyLeavesSomeOut()
    {
        var content = CopySeed();
        // An extra Saturday makes Taalplezier (Tuesdays; 5 January moved to Thursday 7 January) a series with an
        // RDATE, which Outlook ignores: the feeds write it as separate dates. Samen zingen in Zwolle-Zuid
        // (Thursdays; 3 December moved to Friday 4 December) stays one series.
        Rewrite(Path.Combine(content, "den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters.md"), "  until: 2027-07-06\n", "  until: 2027-07-06\n  dates: [2026-12-19]\n");
        using var site = new SiteFactory(seeded: true, contentPath: content);
        var client = site.CreateClient();
        const string taalplezier = "de183848-2360-4225-a6e3-5b4861b81a10@buurtplatform";
        const string samenZingen = "bed9208d-c1ba-4e1f-9ecd-4c5501836e23@buurtplatform";

        var all = VEvents(await client.GetStringAsync("/agenda.ics"));
        var taalplezierAll = all.Where(e => e.Contains("UID:" + taalplezier + "-", StringComparison.Ordinal)).ToList();
        Assert.True(taalplezierAll.Count > 20, $"{taalplezierAll.Count} separate dates");
        Assert.Contains(taalplezierAll, e => e.Contains("DTSTART;TZID=Europe/Amsterdam:20261219T093000", StringComparison.Ordinal));

        var seen = new List<string>();
        foreach (var day in new[] { "dinsdag", "donderdag", "zaterdag" })
        {
            var filtered = VEvents(await client.GetStringAsync("/agenda.ics?dag=" + day));
            var taalplezierFiltered = filtered.Where(e => e.Contains("UID:" + taalplezier, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(taalplezierFiltered);
            // The same events, byte for byte, as in the unfiltered feed: none added, none renamed.
            Assert.All(taalplezierFiltered, e => Assert.Contains(e, taalplezierAll));
            seen.AddRange(taalplezierFiltered);

            // A changed date of a series keeps its UID and RECURRENCE-ID too.
            Assert.All(filtered.Where(e => e.Contains("UID:" + samenZingen + "\r\n", StringComparison.Ordinal) && e.Contains("RECURRENCE-ID", StringComparison.Ordinal)), e => Assert.Contains(e, all));
        }

        Assert.Equal(taalplezierAll.Order(), seen.Order());
        var friday = VEvents(await client.GetStringAsync("/agenda.ics?soort=samen-zingen&dag=vrijdag"));
        var moved = Assert.Single(friday, e => e.Contains("UID:" + samenZingen + "\r\n", StringComparison.Ordinal) && e.Contains("RECURRENCE-ID;TZID=Europe/Amsterdam:20261203T100000", StringComparison.Ordinal));
        Assert.Contains(moved, all);
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261204T103000", moved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocationHasTheStreetAndPostcodeOfARealAddressAndOnlyThePlaceOfAPlaceholder()
    {
        var content = CopySeed();
        Rewrite(Path.Combine(content, "den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen.md"), "  city: Den Haag\n  placeholder: true\n", "  city: Den Haag\n");
        using var site = new SiteFactory(seeded: true, contentPath: content);
        var client = site.CreateClient();

        var real = VEvents(await client.GetStringAsync(TaalplezierFeed))[0].Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains("\r\nLOCATION:Peuterlokaal van 2Samen\\, Van Ostadestraat 210\\, 2525 KT Den Haag\r\n", real, StringComparison.Ordinal);
        Assert.Contains("\r\nGEO:52.0648;4.3038\r\n", real, StringComparison.Ordinal);
        Assert.Equal("Peuterlokaal van 2Samen, Van Ostadestraat 210, 2525 KT Den Haag", IcalNetReading.Masters(IcalNetReading.Parse(await client.GetStringAsync(TaalplezierFeed)))[0].Location);

        // A placeholder address (the seed's) must not send parents to a made-up street.
        var placeholder = VEvents(await client.GetStringAsync("/den-haag/schilderswijk/ontmoetingsplekken/clubhuis.ics"))[0];
        Assert.Contains("\r\nLOCATION:Clubhuis in de Schilderswijk\\, Den Haag\r\n", placeholder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneDateDownloadsAsItsOwnEventDerivedFromTheSeries()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var series = IcalNetReading.Masters(IcalNetReading.Parse(await client.GetStringAsync(TaalplezierFeed))).First();

        var response = await client.GetAsync("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters/2026-11-24.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"taalplezier-voor-peuters-2026-11-24.ics\"", response.Content.Headers.ContentDisposition!.ToString());
        var single = IcalNetReading.Parse(await response.Content.ReadAsStringAsync()).Events.Single();
        Assert.Equal(IcsWriter.OccurrenceUid(series.Uid!, new LocalDateTime(2026, 11, 24, 9, 30)), single.Uid);
        Assert.Null(single.RecurrenceRule);
        Assert.Equal(("Europe/Amsterdam", new DateTime(2026, 11, 24, 9, 30, 0)), (single.DtStart!.TzId, single.DtStart.Value));

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
        // The ids come from the feed path alone (FNV-1a), so a page is the same on every node and after a restart.
        Assert.Equal(new SubscribeModel(feed, "x").ElementId, block.QuerySelector("input.copy-link")!.Id);
        var text = block.Text();
        // An activity's own page offers each date first ("Zet in mijn agenda"), so its block says why one would subscribe.
        Assert.Matches("Met abonneren (ziet u deze activiteiten in de agenda van uw telefoon of computer|staan alle data in uw agenda)", text);
        Assert.Contains("Google Agenda kan er tot een dag over doen", text);
    }

    [Fact]
    public void TheSubscribeBlocksIdIsTheSameInEveryProcess()
    {
        // FNV-1a of "/agenda.ics", computed independently (Python: h = (h ^ ord(c)) * 16777619 mod 2^32 from 2166136261).
        Assert.Equal("agenda-link-9df290b1", new SubscribeModel("/agenda.ics", "Agenda").ElementId);
        Assert.NotEqual(new SubscribeModel("/agenda.ics", "Agenda").ElementId, new SubscribeModel("/den-haag.ics", "Agenda").ElementId);
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
        Assert.StartsWith("donderdag 7 januari 2027, 9.30–11.00 uur", moved.Text()); // next year: with its year
        Assert.Contains("verplaatst, was dinsdag 5 januari 2027 (de ruimte is dinsdag bezet)", moved.Text());

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

            // Day-filtered feeds narrow each series (ActivitySeries.OnDays): they must hold exactly the pages' dates on those days.
            var paths = await AllFeedPaths(site);
            paths.AddRange(Web.Agenda.AgendaFilter.DayWords.Select(d => "/agenda.ics?dag=" + d));
            paths.Add("/agenda.ics?soort=samen-zingen&dag=vrijdag"); // only a date moved from Thursday to Friday
            paths.Add("/agenda.ics?dag=dinsdag&dag=donderdag");

            foreach (var path in paths)
            {
                var days = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), path).Query).TryGetValue("dag", out var words)
                    ? words.Select(w => (DayOfWeek)Array.IndexOf(Web.Agenda.AgendaFilter.DayWords, w)).ToHashSet()
                    : null;
                var file = Path.Combine(work, "feed.ics");
                await File.WriteAllBytesAsync(file, await client.GetByteArrayAsync(path));
                var output = IcalJsCrossCheckTests.RunNode(tools, file, IcalJsCrossCheckTests.JavaScriptIso.Format(window.Start), IcalJsCrossCheckTests.JavaScriptIso.Format(window.End));
                var theirs = JsonSerializer.Deserialize<Dictionary<string, List<JsOccurrence>>>(output)!;
                Assert.True(days is not null || theirs.Count > 0, $"{path} is empty");

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
                        .Where(o => days is null || days.Contains(o.Start.DayOfWeek.ToDayOfWeek()))
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

    /// <summary>Each VEVENT of an .ics text as written, from BEGIN to END.</summary>
    private static List<string> VEvents(string ics) =>
        [.. System.Text.RegularExpressions.Regex.Matches(ics, "BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Value)];

    /// <summary>One HTTP/1.1 exchange on a socket, so a HEAD answer's body (which HttpClient would hide) shows.</summary>
    private static async Task<(int Status, List<string> Headers, byte[] Body)> RawHttpAsync(Uri server, string method, string pathAndQuery)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{method} {pathAndQuery} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n"), TestContext.Current.CancellationToken);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, TestContext.Current.CancellationToken);
        var bytes = received.ToArray();
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var lines = System.Text.Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        return (int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), [.. lines[1..]], bytes[(end + 4)..]);
    }

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
