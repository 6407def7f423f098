using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.PartnerCalendars;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Buurtplatform.Tests.PartnerCalendars;

/// <summary>
/// The whole way of a partner's calendar through the backoffice: added, uploaded or fetched, moderated, published
/// as an activity at the right Amsterdam times, changed and removed at the source; scoped per wijk and audited.
/// </summary>
public sealed class PartnerCalendarTests
{
    private const string Wijk = "moerwijk";

    [Fact]
    public async Task AnUploadedSeriesIsPublishedAtAmsterdamTimesAcrossDstThenChangedAndRemovedOnlyAfterReview()
    {
        using var site = new SiteFactory();
        var (editor, client, wijkId) = await EditorAsync(site);
        var calendarId = await AddCalendarAsync(client, wijkId, url: null);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, wijkId, calendarId, IcsParserTests.Fixture("dst-series.ics"))).StatusCode);

        // The moderation list shows the two series (the override goes with its series), new, with their dates in words.
        var list = await client.GetDocumentAsync(PartnerCalendarPaths.Events(wijkId));
        var newCards = list.QuerySelectorAll("ul[aria-labelledby='kop-new'] > li");
        Assert.Equal(2, newCards.Length);
        Assert.Contains("Elke week op dinsdag, 10.00–11.30 uur", list.MainText());
        var series = await EventAsync(site, "dst-weekly-0001@voorbeeld.nl");
        var placeId = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "peuterlokaal-2samen" && p.Wijk.Slug == Wijk).Select(p => p.Id).SingleAsync());

        var published = await ModerateAsync(client, wijkId, series.Id, "Publish", new() { ["placeId"] = Invariant(placeId), ["type"] = "taalplezier" });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        // A live activity with the partner as organiser, whose dates are the source's in Amsterdam: 10.00 in winter and in summer time.
        series = await EventAsync(site, "dst-weekly-0001@voorbeeld.nl");
        Assert.Equal(PartnerEventStatus.Published, series.Status);
        var activity = await site.WithDbAsync(db => db.Activities.AsNoTracking().Include(a => a.Wijk).ThenInclude(w => w.Gemeente).SingleAsync(a => a.Id == series.ActivityId));
        Assert.Equal((PublishState.Published, "Taalplezier in het voorjaar", ActivityType.Taalplezier, placeId), (activity.State, activity.Title, activity.Type, activity.MeetingPlaceId));
        var calendarPartner = await site.WithDbAsync(db => db.PartnerCalendars.Where(c => c.Id == calendarId).Select(c => c.PartnerId).SingleAsync());
        Assert.Equal(calendarPartner, activity.OrganiserId);
        var occurrences = await OccurrencesAsync(site, activity);
        Assert.Equal(
            [("2027-03-16T09:00:00Z", false), ("2027-03-25T13:00:00Z", false), ("2027-03-30T08:00:00Z", true), ("2027-04-06T08:00:00Z", false), ("2027-04-13T08:00:00Z", false)],
            occurrences);
        var page = await client.GetDocumentAsync(Links.Activity(activity));
        Assert.Contains("Taalplezier in het voorjaar", page.MainText());

        // The partner changes the title and time: flagged for review, parents keep the published version.
        var changed = Encoding.UTF8.GetString(IcsParserTests.Fixture("dst-series.ics"))
            .Replace("SUMMARY:Taalplezier in het voorjaar\r\n", "SUMMARY:Taalplezier (nieuw)\r\n", StringComparison.Ordinal)
            .Replace("20270316T113000", "20270316T120000", StringComparison.Ordinal);
        await UploadAsync(client, wijkId, calendarId, Encoding.UTF8.GetBytes(changed));
        Assert.Equal(PartnerEventStatus.Changed, (await EventAsync(site, "dst-weekly-0001@voorbeeld.nl")).Status);
        Assert.Contains("Taalplezier in het voorjaar", (await client.GetDocumentAsync(Links.Activity(activity))).MainText());
        var review = await client.GetDocumentAsync(PartnerCalendarPaths.Events(wijkId));
        var card = review.QuerySelector($"#activiteit-{series.Id}")!;
        Assert.Contains("Titel was: Taalplezier in het voorjaar. Nu: Taalplezier (nieuw).", card.Text());
        Assert.Contains("10.00–12.00 uur", card.Text());
        Assert.Equal(Invariant(placeId), card.QuerySelector("select[name='placeId'] option[selected]")!.GetAttribute("value"));

        await ModerateAsync(client, wijkId, series.Id, "Publish", new() { ["placeId"] = Invariant(placeId), ["type"] = "taalplezier" });
        var after = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        Assert.Equal(("Taalplezier (nieuw)", new TimeOnly(12, 0)), (after.Title, after.Schedule.EndTime));
        Assert.True(after.Sequence > activity.Sequence);
        Assert.Contains("Taalplezier (nieuw)", (await client.GetDocumentAsync(Links.Activity(activity))).MainText());

        // Gone from the source: waits for confirmation, still live; confirmed: offline.
        var without = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//NL\r\nEND:VCALENDAR\r\n";
        await UploadAsync(client, wijkId, calendarId, Encoding.UTF8.GetBytes(without));
        Assert.Equal(PartnerEventStatus.Removed, (await EventAsync(site, "dst-weekly-0001@voorbeeld.nl")).Status);
        Assert.Null(await site.WithDbAsync(db => db.PartnerEvents.FirstOrDefaultAsync(e => e.Uid == "dst-utc-0002@voorbeeld.nl"))); // never published: simply gone
        Assert.Equal(PublishState.Published, await site.WithDbAsync(db => db.Activities.Where(a => a.Id == activity.Id).Select(a => a.State).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await ModerateAsync(client, wijkId, series.Id, "ConfirmRemoval")).StatusCode);
        Assert.Equal(PublishState.Draft, await site.WithDbAsync(db => db.Activities.Where(a => a.Id == activity.Id).Select(a => a.State).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await site.HttpsClient().GetAsync(Links.Activity(activity))).StatusCode);

        // Every step in the audit log, by the editor.
        var actions = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.ActorId == editor.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(
            [AuditAction.PartnerCalendarAdded, AuditAction.PartnerCalendarImported, AuditAction.Publish, AuditAction.PartnerEventPublished, AuditAction.PartnerCalendarImported,
             AuditAction.Publish, AuditAction.PartnerEventPublished, AuditAction.PartnerCalendarImported, AuditAction.Unpublish, AuditAction.PartnerEventRemovalConfirmed],
            actions.Where(a => a.StartsWith("Partner", StringComparison.Ordinal) || a is AuditAction.Publish or AuditAction.Unpublish));
    }

    [Fact]
    public async Task ThePlaceAndTypeChosenForALocationAreOfferedForTheNextEventThere()
    {
        using var site = new SiteFactory();
        var (_, client, wijkId) = await EditorAsync(site);
        var calendarId = await AddCalendarAsync(client, wijkId, url: null);
        await UploadAsync(client, wijkId, calendarId, IcsParserTests.Fixture("outlook.ics"));
        var first = await EventAsync(site, "040000008200E00074C5B7101A82E00800000000B0C1F2A3D4E5F60100000000000000001000000012345678");
        var second = await EventAsync(site, "040000008200E00074C5B7101A82E00800000000B0C1F2A3D4E5F60100000000000000001000000087654321");
        var placeId = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "buurtkamer" && p.Wijk.Slug == Wijk).Select(p => p.Id).SingleAsync());

        await ModerateAsync(client, wijkId, first.Id, "Publish", new() { ["placeId"] = Invariant(placeId), ["type"] = "voorlezen" });

        var card = (await client.GetDocumentAsync(PartnerCalendarPaths.Events(wijkId))).QuerySelector($"#activiteit-{second.Id}")!;
        Assert.Equal(Invariant(placeId), card.QuerySelector("select[name='placeId'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("voorlezen", card.QuerySelector("select[name='type'] option[selected]")!.GetAttribute("value"));
        var mapping = await site.WithDbAsync(db => db.PartnerLocationMappings.AsNoTracking().SingleAsync());
        Assert.Equal(("bibliotheek moerwijk, zuiderpark", placeId, ActivityType.Voorlezen), (mapping.LocationText, mapping.MeetingPlaceId, mapping.Type));
    }

    [Fact]
    public async Task ARefusedFileChangesNoEventAndSaysWhyOnTheCalendar()
    {
        using var site = new SiteFactory();
        var (_, client, wijkId) = await EditorAsync(site);
        var calendarId = await AddCalendarAsync(client, wijkId, url: null);
        await UploadAsync(client, wijkId, calendarId, IcsParserTests.Fixture("google.ics"));
        var before = await EventsSnapshotAsync(site);

        // Valid events first, then a bad line and a new event: none of it is taken in.
        var bad = Encoding.UTF8.GetString(IcsParserTests.Fixture("outlook.ics")).Replace("END:VCALENDAR", "garbage without colon\r\nEND:VCALENDAR", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, wijkId, calendarId, Encoding.UTF8.GetBytes(bad))).StatusCode);
        Assert.Equal(before, await EventsSnapshotAsync(site));
        await UploadAsync(client, wijkId, calendarId, Encoding.Latin1.GetBytes("BEGIN:VCALENDAR\r\nSUMMARY:café\r\nEND:VCALENDAR\r\n"));
        Assert.Equal(before, await EventsSnapshotAsync(site));

        var calendar = await site.WithDbAsync(db => db.PartnerCalendars.AsNoTracking().SingleAsync(c => c.Id == calendarId));
        Assert.False(calendar.LastFetchOk);
        Assert.StartsWith("Het bestand is geen UTF-8-tekst", calendar.LastMessage, StringComparison.Ordinal);
        var listed = await client.GetDocumentAsync(PartnerCalendarPaths.List(wijkId));
        Assert.Contains("Het bestand is geen UTF-8-tekst", listed.QuerySelector($"#agenda-{calendarId}").Text());
        Assert.Equal(2, await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditAction.PartnerCalendarRefused)));
    }

    [Fact]
    public async Task AnEditorOfAnotherWijkCanNeitherSeeNorActOnTheCalendars()
    {
        using var site = new SiteFactory();
        var (_, client, wijkId) = await EditorAsync(site);
        var calendarId = await AddCalendarAsync(client, wijkId, url: null);
        await UploadAsync(client, wijkId, calendarId, IcsParserTests.Fixture("thunderbird.ics"));
        var ev = await EventAsync(site, "5f0c1a2e-6b1d-4f7e-9c1a-2b3c4d5e6f70");
        var other = await site.CreateStaffAsync("redactie@schilderswijk.example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        var outsider = await site.SignedInClientAsync(other);
        var ownWijk = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(PartnerCalendarPaths.List(wijkId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(PartnerCalendarPaths.Events(wijkId))).StatusCode);

        // Through their own wijk's route, the other wijk's event is not found.
        var own = await outsider.GetDocumentAsync(PartnerCalendarPaths.Events(ownWijk));
        Assert.DoesNotContain("Koffie voor ouders", own.MainText());
        var post = await outsider.PostAsync(PartnerCalendarPaths.Events(ownWijk) + "?handler=Ignore", new FormUrlEncodedContent(
            [new("eventId", Invariant(ev.Id)), new("__RequestVerificationToken", own.AntiforgeryToken())]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var fetch = await outsider.PostAsync(PartnerCalendarPaths.List(ownWijk) + "?handler=Fetch", new FormUrlEncodedContent(
            [new("calendarId", Invariant(calendarId)), new("__RequestVerificationToken", own.AntiforgeryToken())]));
        Assert.Equal(HttpStatusCode.NotFound, fetch.StatusCode);
        Assert.Equal(PartnerEventStatus.New, (await EventAsync(site, "5f0c1a2e-6b1d-4f7e-9c1a-2b3c4d5e6f70")).Status);
    }

    [Fact]
    public async Task APrivateAddressIsRefusedByDefaultWithoutARequestBeingMade()
    {
        using var server = new CalendarServer();
        using var site = new SiteFactory();
        var (_, client, wijkId) = await EditorAsync(site);
        var calendarId = await AddCalendarAsync(client, wijkId, url: server.Url);

        await using var scope = site.Scope();
        var fetched = await scope.ServiceProvider.GetRequiredService<PartnerCalendarImport>().FetchAsync(calendarId, AuditActor.System);

        Assert.False(fetched);
        Assert.Equal(0, server.Requests);
        var calendar = await site.WithDbAsync(db => db.PartnerCalendars.AsNoTracking().SingleAsync(c => c.Id == calendarId));
        Assert.StartsWith("Dit adres wijst naar een intern of privé-netwerk", calendar.LastMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJobFetchesDueCalendarsAndAnUnchangedCalendarAnswers304ToItsETag()
    {
        using var server = new CalendarServer { Body = IcsParserTests.Fixture("google.ics") };
        using var site = new SiteFactory();
        site.Settings["PartnerCalendars:AllowPrivateAddresses"] = "true";
        var (_, client, wijkId) = await EditorAsync(site);
        var calendarId = await AddCalendarAsync(client, wijkId, url: server.Url);

        await using (var scope = site.Scope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PartnerCalendarImport>().RunDueAsync());
        Assert.Equal(2, await site.WithDbAsync(db => db.PartnerEvents.CountAsync(e => e.PartnerCalendarId == calendarId)));
        var calendar = await site.WithDbAsync(db => db.PartnerCalendars.AsNoTracking().SingleAsync(c => c.Id == calendarId));
        Assert.Equal(("\"v1\"", true), (calendar.ETag, calendar.LastFetchOk));

        // Not due again within the interval; "fetch now" sends the ETag back and the server answers 304.
        await using (var scope = site.Scope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PartnerCalendarImport>().RunDueAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetDocumentAsync(PartnerCalendarPaths.List(wijkId)), PartnerCalendarPaths.List(wijkId), [], $"#agenda-{calendarId} form[action$='handler=Fetch']")).StatusCode);
        Assert.Equal(("\"v1\"", 1), (server.LastIfNoneMatch, server.NotModifiedAnswers));
        calendar = await site.WithDbAsync(db => db.PartnerCalendars.AsNoTracking().SingleAsync(c => c.Id == calendarId));
        Assert.Equal("Niets veranderd sinds de vorige keer.", calendar.LastMessage);
        Assert.Contains(AuditAction.PartnerCalendarImported, await site.WithDbAsync(db => db.AuditLog.Where(e => e.ActorName == "job:partner-calendars").Select(e => e.Action).ToListAsync()));

        // A body over the size limit, counted while reading (no Content-Length), is refused.
        server.Body = new byte[3 * 1024 * 1024];
        server.ETag = "\"v2\"";
        server.Chunked = true;
        await using (var scope = site.Scope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<PartnerCalendarImport>().FetchAsync(calendarId, AuditActor.System));
        calendar = await site.WithDbAsync(db => db.PartnerCalendars.AsNoTracking().SingleAsync(c => c.Id == calendarId));
        Assert.StartsWith("Het bestand is groter dan 2048 kB", calendar.LastMessage, StringComparison.Ordinal);
        Assert.Equal(2, await site.WithDbAsync(db => db.PartnerEvents.CountAsync(e => e.PartnerCalendarId == calendarId)));
    }

    [Fact]
    public async Task ACalendarSwitchedOffIsNeitherFetchedNorTakesAFileAndWhatWasPublishedStays()
    {
        using var server = new CalendarServer { Body = IcsParserTests.Fixture("dst-series.ics") };
        using var site = new SiteFactory();
        site.Settings["PartnerCalendars:AllowPrivateAddresses"] = "true";
        var (editor, client, wijkId) = await EditorAsync(site);
        var calendarId = await AddCalendarAsync(client, wijkId, url: server.Url);
        await using (var scope = site.Scope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PartnerCalendarImport>().RunDueAsync());
        var series = await EventAsync(site, "dst-weekly-0001@voorbeeld.nl");
        var placeId = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "peuterlokaal-2samen" && p.Wijk.Slug == Wijk).Select(p => p.Id).SingleAsync());
        await ModerateAsync(client, wijkId, series.Id, "Publish", new() { ["placeId"] = Invariant(placeId), ["type"] = "taalplezier" });
        var activityId = (await EventAsync(site, "dst-weekly-0001@voorbeeld.nl")).ActivityId!.Value;

        var list = PartnerCalendarPaths.List(wijkId);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetDocumentAsync(list), list, [], $"#agenda-{calendarId} form[action$='handler=Switch']")).StatusCode);
        Assert.False(await site.WithDbAsync(db => db.PartnerCalendars.Where(c => c.Id == calendarId).Select(c => c.Enabled).SingleAsync()));

        // The card says it is off and that what was published stays; "fetch now" and the upload are gone from it.
        var card = (await client.GetDocumentAsync(list)).QuerySelector($"#agenda-{calendarId}")!;
        Assert.Contains("Staat uit.", card.Text());
        Assert.Contains("Wat al gepubliceerd is, blijft zoals het is.", card.Text());
        Assert.Null(card.QuerySelector("form[action$='handler=Fetch']"));
        Assert.Null(card.QuerySelector("form[action$='handler=Upload']"));

        // Due again, but the job leaves it alone; a page opened before it went off is refused with the reason, and nothing is fetched.
        await site.WithDbAsync(db => db.PartnerCalendars.Where(c => c.Id == calendarId).ExecuteUpdateAsync(u => u.SetProperty(c => c.LastFetchUtc, (DateTime?)null)));
        var requests = server.Requests;
        await using (var scope = site.Scope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PartnerCalendarImport>().RunDueAsync());
        var token = (await client.GetDocumentAsync(list)).AntiforgeryToken();
        var fetch = await client.PostAsync(list + "?handler=Fetch", new FormUrlEncodedContent([new("calendarId", Invariant(calendarId)), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, fetch.StatusCode);
        Assert.Contains("Deze agenda staat uit", (await fetch.ParseAsync()).QuerySelector(".error-summary").Text());
        var upload = await UploadAsync(client, wijkId, calendarId, Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//NL\r\nEND:VCALENDAR\r\n"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Contains("Deze agenda staat uit", (await upload.ParseAsync()).QuerySelector(".error-summary").Text());
        Assert.Equal(requests, server.Requests);
        Assert.Equal(PartnerEventStatus.Published, (await EventAsync(site, "dst-weekly-0001@voorbeeld.nl")).Status); // the empty file was not taken in
        Assert.Equal(PublishState.Published, await site.WithDbAsync(db => db.Activities.Where(a => a.Id == activityId).Select(a => a.State).SingleAsync()));

        // On again: the job fetches it at its next round.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetDocumentAsync(list), list, [], $"#agenda-{calendarId} form[action$='handler=Switch']")).StatusCode);
        await using (var scope = site.Scope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PartnerCalendarImport>().RunDueAsync());
        Assert.Equal(requests + 1, server.Requests);
        var audited = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.ActorId == editor.Id && e.Target == AuditTarget.PartnerCalendar(calendarId)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditAction.PartnerCalendarSwitchedOff, AuditAction.PartnerCalendarSwitchedOn], audited.Where(a => a.StartsWith("PartnerCalendarSwitched", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RemovingACalendarAsksFirstThenDropsItsEventsAndRememberedPlacesWhileItsPublishedActivityStays()
    {
        using var site = new SiteFactory();
        var (editor, client, wijkId) = await EditorAsync(site);
        var calendarId = await AddCalendarAsync(client, wijkId, url: null);
        await UploadAsync(client, wijkId, calendarId, IcsParserTests.Fixture("dst-series.ics"));
        var series = await EventAsync(site, "dst-weekly-0001@voorbeeld.nl");
        var placeId = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "peuterlokaal-2samen" && p.Wijk.Slug == Wijk).Select(p => p.Id).SingleAsync());
        await ModerateAsync(client, wijkId, series.Id, "Publish", new() { ["placeId"] = Invariant(placeId), ["type"] = "taalplezier" });
        var activityId = (await EventAsync(site, "dst-weekly-0001@voorbeeld.nl")).ActivityId!.Value;
        Assert.Equal(1, await site.WithDbAsync(db => db.PartnerLocationMappings.CountAsync()));

        // Another wijk's editor reaches neither the confirmation nor the removal through their own wijk's route.
        var other = await site.SignedInClientAsync(await site.CreateStaffAsync("redactie@schilderswijk.example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]));
        var otherWijk = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(PartnerCalendarPaths.Remove(otherWijk, calendarId))).StatusCode);
        var otherToken = (await other.GetDocumentAsync(PartnerCalendarPaths.List(otherWijk))).AntiforgeryToken();
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(PartnerCalendarPaths.List(otherWijk) + "?handler=Remove",
            new FormUrlEncodedContent([new("calendarId", Invariant(calendarId)), new("__RequestVerificationToken", otherToken)]))).StatusCode);

        // The link on the card opens the confirmation step: what goes, and that the published activity stays.
        var list = await client.GetDocumentAsync(PartnerCalendarPaths.List(wijkId));
        var link = list.QuerySelector($"#agenda-{calendarId} a[href*='handler=Remove']")!.GetAttribute("href")!;
        var confirm = await client.GetDocumentAsync(link);
        Assert.Contains("met de 2 activiteiten uit de agenda", confirm.MainText());
        Assert.Contains("De 1 gepubliceerde activiteit blijft online, als gewone activiteit.", confirm.MainText());
        Assert.True(await site.WithDbAsync(db => db.PartnerCalendars.AnyAsync(c => c.Id == calendarId)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(confirm, link, [], "form[action$='handler=Remove']")).StatusCode);
        Assert.False(await site.WithDbAsync(db => db.PartnerCalendars.AnyAsync(c => c.Id == calendarId)));
        Assert.Equal(0, await site.WithDbAsync(db => db.PartnerEvents.CountAsync()));
        Assert.Equal(0, await site.WithDbAsync(db => db.PartnerLocationMappings.CountAsync()));
        var activity = await site.WithDbAsync(db => db.Activities.AsNoTracking().Include(a => a.Wijk).ThenInclude(w => w.Gemeente).SingleAsync(a => a.Id == activityId));
        Assert.Equal(PublishState.Published, activity.State);
        Assert.Equal(HttpStatusCode.OK, (await site.HttpsClient().GetAsync(Links.Activity(activity))).StatusCode);
        var entry = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(e => e.Action == AuditAction.PartnerCalendarRemoved));
        Assert.Equal((AuditTarget.PartnerCalendar(calendarId), editor.Id), (entry.Target, entry.ActorId));
        Assert.Contains("1 published activities stay", entry.Detail);
    }

    [Fact]
    public async Task APartnerWithACalendarCannotBeDeletedAndThePageSaysWhyUntilTheCalendarIsRemoved()
    {
        using var site = new SiteFactory();
        var (_, client, wijkId) = await EditorAsync(site);
        var partnerId = await site.WithDbAsync(db => db.Partners.Where(p => p.Slug == "bibliotheek" && p.Wijk.Slug == Wijk).Select(p => p.Id).SingleAsync()); // hosts and organises nothing
        var calendarId = await AddCalendarAsync(client, wijkId, url: null, partnerId);

        var page = await client.GetDocumentAsync(EditingPaths.Delete(NodeKind.Partner, partnerId));
        Assert.Contains("Deze partner heeft nog een agenda", page.QuerySelector(".error-summary").Text());
        var post = await client.PostAsync(EditingPaths.Delete(NodeKind.Partner, partnerId), new FormUrlEncodedContent([new("__RequestVerificationToken", page.AntiforgeryToken())]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Verwijder daar eerst die agenda", (await post.ParseAsync()).MainText());
        Assert.True(await site.WithDbAsync(db => db.Partners.AnyAsync(p => p.Id == partnerId)));

        var confirm = PartnerCalendarPaths.Remove(wijkId, calendarId);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetDocumentAsync(confirm), confirm, [], "form[action$='handler=Remove']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(EditingPaths.Delete(NodeKind.Partner, partnerId), [], "main form")).StatusCode);
        Assert.False(await site.WithDbAsync(db => db.Partners.AnyAsync(p => p.Id == partnerId)));
    }

    [Fact]
    public async Task AnEventTakenOfflineThatTheSourceBringsBackIsReviewedAgainAndPublishedOnTheSameActivity()
    {
        using var site = new SiteFactory();
        var (_, client, wijkId) = await EditorAsync(site);
        var calendarId = await AddCalendarAsync(client, wijkId, url: null);
        var file = IcsParserTests.Fixture("dst-series.ics");
        await UploadAsync(client, wijkId, calendarId, file);
        var series = await EventAsync(site, "dst-weekly-0001@voorbeeld.nl");
        var placeId = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "peuterlokaal-2samen" && p.Wijk.Slug == Wijk).Select(p => p.Id).SingleAsync());
        await ModerateAsync(client, wijkId, series.Id, "Publish", new() { ["placeId"] = Invariant(placeId), ["type"] = "taalplezier" });
        var activityId = (await EventAsync(site, "dst-weekly-0001@voorbeeld.nl")).ActivityId!.Value;
        await UploadAsync(client, wijkId, calendarId, Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//NL\r\nEND:VCALENDAR\r\n"));
        await ModerateAsync(client, wijkId, series.Id, "ConfirmRemoval");
        var offline = await EventAsync(site, "dst-weekly-0001@voorbeeld.nl");
        Assert.Equal((PartnerEventStatus.Offline, activityId), (offline.Status, offline.ActivityId));
        Assert.Equal(PublishState.Draft, await site.WithDbAsync(db => db.Activities.Where(a => a.Id == activityId).Select(a => a.State).SingleAsync()));
        Assert.Null((await client.GetDocumentAsync(PartnerCalendarPaths.Events(wijkId))).QuerySelector($"#activiteit-{series.Id}")); // out of the list

        // Another empty file keeps the offline event; the source bringing it back (same UID, no RECURRENCE-ID) makes it new to review, linked to its activity.
        await UploadAsync(client, wijkId, calendarId, Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//NL\r\nEND:VCALENDAR\r\n"));
        Assert.Equal(PartnerEventStatus.Offline, (await EventAsync(site, "dst-weekly-0001@voorbeeld.nl")).Status);
        var changed = Encoding.UTF8.GetString(file).Replace("SUMMARY:Taalplezier in het voorjaar\r\n", "SUMMARY:Taalplezier (terug)\r\n", StringComparison.Ordinal);
        await UploadAsync(client, wijkId, calendarId, Encoding.UTF8.GetBytes(changed));
        var back = await EventAsync(site, "dst-weekly-0001@voorbeeld.nl");
        Assert.Equal((series.Id, PartnerEventStatus.New, activityId), (back.Id, back.Status, back.ActivityId));
        var card = (await client.GetDocumentAsync(PartnerCalendarPaths.Events(wijkId))).QuerySelector($"ul[aria-labelledby='kop-new'] > #activiteit-{series.Id}")!;
        Assert.Contains("is offline gehaald toen hij uit de agenda verdween", card.Text());
        Assert.Contains("Titel was: Taalplezier in het voorjaar. Nu: Taalplezier (terug).", card.Text());
        Assert.Equal(Invariant(placeId), card.QuerySelector("select[name='placeId'] option[selected]")!.GetAttribute("value"));
        Assert.Equal(PublishState.Draft, await site.WithDbAsync(db => db.Activities.Where(a => a.Id == activityId).Select(a => a.State).SingleAsync()));

        // Publishing puts the same activity back online: no second one.
        var activitiesBefore = await site.WithDbAsync(db => db.Activities.CountAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await ModerateAsync(client, wijkId, series.Id, "Publish", new() { ["placeId"] = Invariant(placeId), ["type"] = "taalplezier" })).StatusCode);
        var activity = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == activityId));
        Assert.Equal((PublishState.Published, "Taalplezier (terug)"), (activity.State, activity.Title));
        Assert.Equal(activitiesBefore, await site.WithDbAsync(db => db.Activities.CountAsync()));
        Assert.Equal(PartnerEventStatus.Published, (await EventAsync(site, "dst-weekly-0001@voorbeeld.nl")).Status);
    }

    private static string Invariant(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static async Task<(StaffAccount, HttpClient, int)> EditorAsync(SiteFactory site)
    {
        var account = await site.CreateStaffAsync($"redactie@{Wijk}.example.nl", StaffRole.Wijkredacteur, wijken: [Wijk]);
        var wijkId = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == Wijk).Select(w => w.Id).SingleAsync());
        return (account, await site.SignedInClientAsync(account), wijkId);
    }

    private static async Task<int> AddCalendarAsync(HttpClient client, int wijkId, string? url, int? partnerId = null)
    {
        var page = PartnerCalendarPaths.List(wijkId);
        var doc = await client.GetDocumentAsync(page);
        var partner = partnerId is { } chosen ? Invariant(chosen) : doc.QuerySelectorAll("#f-partner option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        var response = await client.SubmitAsync(doc, page, [new("Add.Name", "Agenda van de partner"), new("Add.PartnerId", partner), new("Add.Url", url ?? "")], "form[action$='handler=Add']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetDocumentAsync(page);
        return int.Parse(after.QuerySelectorAll("li[id^='agenda-']").Last().Id!["agenda-".Length..], CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int wijkId, int calendarId, byte[] file)
    {
        var page = PartnerCalendarPaths.List(wijkId);
        var doc = await client.GetDocumentAsync(page);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Invariant(calendarId)), "calendarId" },
            { new StringContent(doc.AntiforgeryToken()), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "agenda.ics" },
        };
        return await client.PostAsync(page + "?handler=Upload", content);
    }

    private static async Task<HttpResponseMessage> ModerateAsync(HttpClient client, int wijkId, int eventId, string handler, Dictionary<string, string>? values = null)
    {
        var page = PartnerCalendarPaths.Events(wijkId);
        var doc = await client.GetDocumentAsync(page);
        var fields = new List<KeyValuePair<string, string>> { new("eventId", Invariant(eventId)), new("__RequestVerificationToken", doc.AntiforgeryToken()) };
        fields.AddRange(values ?? []);
        return await client.PostAsync(page + "?handler=" + handler, new FormUrlEncodedContent(fields));
    }

    private static Task<PartnerEvent> EventAsync(SiteFactory site, string uid) =>
        site.WithDbAsync(db => db.PartnerEvents.AsNoTracking().SingleAsync(e => e.Uid == uid && e.RecurrenceId == ""));

    private static Task<string> EventsSnapshotAsync(SiteFactory site) =>
        site.WithDbAsync(async db => string.Join('\n', (await db.PartnerEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
            .Select(e => $"{e.Id}|{e.Uid}|{e.RecurrenceId}|{e.Status}|{e.Title}|{e.Schedule}|{e.SourceHash}")));

    private static async Task<List<(string, bool)>> OccurrencesAsync(SiteFactory site, Activity activity)
    {
        await using var scope = site.Scope();
        var calendar = scope.ServiceProvider.GetRequiredService<ActivityCalendar>();
        var db = scope.ServiceProvider.GetRequiredService<Buurtplatform.Web.Data.AppDbContext>();
        var row = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id);
        await calendar.PrepareAsync();
        return [.. calendar.Expand(row, new LocalDate(2027, 3, 1), new LocalDate(2027, 5, 1))
            .Select(o => (o.Start.ToInstant().ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), o.IsCancelled))];
    }

    /// <summary>A partner's web server on a loopback port: serves a calendar with an ETag, answers 304 to it, counts requests.</summary>
    internal sealed class CalendarServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private int _requests;

        public CalendarServer()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/agenda.ics";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public byte[] Body { get; set; } = [];

        public string ETag { get; set; } = "\"v1\"";

        public bool Chunked { get; set; }

        public int Requests => _requests;

        /// <summary>How long each answer takes, so that callers at the same time overlap.</summary>
        public TimeSpan Delay { get; set; }

        public int NotModifiedAnswers { get; private set; }

        public string? LastIfNoneMatch { get; private set; }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                if (Delay > TimeSpan.Zero)
                    await Task.Delay(Delay);
                LastIfNoneMatch = context.Request.Headers["If-None-Match"];
                if (LastIfNoneMatch == ETag)
                {
                    NotModifiedAnswers++;
                    context.Response.StatusCode = 304;
                    context.Response.Close();
                    continue;
                }

                context.Response.ContentType = "text/calendar; charset=utf-8";
                context.Response.Headers["ETag"] = ETag;
                context.Response.SendChunked = Chunked;
                if (!Chunked)
                    context.Response.ContentLength64 = Body.Length;
                try
                {
                    await context.Response.OutputStream.WriteAsync(Body);
                    context.Response.Close();
                }
                catch (HttpListenerException)
                {
                    // The client stopped reading at its size limit.
                }
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
