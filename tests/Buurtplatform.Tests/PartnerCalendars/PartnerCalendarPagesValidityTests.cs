using System.Globalization;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.Pages;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.PartnerCalendars;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.PartnerCalendars;

/// <summary>The two partner-calendar pages through the Nu Html Checker, in every state they show.</summary>
public sealed class PartnerCalendarPagesValidityTests
{
    [Fact]
    public async Task TheCalendarsAndModerationPagesAreValidHtmlEmptyFullWithErrorsAndAtTheRemovalStep()
    {
        using var site = new SiteFactory();
        var made = await PartnerCalendarStates.MakeAsync(site, "moerwijk");
        var emptyWijk = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());
        var client = await site.SignedInClientAsync(await site.CreateStaffAsync("redactie@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk", "schilderswijk"]));
        var ct = TestContext.Current.CancellationToken;
        var list = PartnerCalendarPaths.List(made.WijkId);
        var events = PartnerCalendarPaths.Events(made.WijkId);

        var full = await client.GetDocumentAsync(list);
        Assert.Contains("Het bestand is geen UTF-8-tekst", full.QuerySelector($"#agenda-{made.Refused}").Text());
        Assert.Contains("Staat uit.", full.QuerySelector($"#agenda-{made.SwitchedOff}").Text());
        var moderation = await client.GetDocumentAsync(events);
        foreach (var group in new[] { "new", "changed", "removed", "published", "ignored" })
            Assert.NotEmpty(moderation.QuerySelectorAll($"ul[aria-labelledby='kop-{group}'] > li"));
        Assert.NotNull(moderation.QuerySelector($"ul[aria-labelledby='kop-new'] > #activiteit-{made.ReturnedEventId} .notice"));
        Assert.NotEmpty(moderation.QuerySelectorAll("ul[aria-labelledby='kop-changed'] .changes li"));

        var addErrors = await client.SubmitAsync(full, list, [new("Add.Name", ""), new("Add.Url", "ftp://agenda.example.nl")], "form[action$='handler=Add']");
        var token = full.AntiforgeryToken();
        var noFile = await client.PostAsync(list + "?handler=Upload", new MultipartFormDataContent
        {
            { new StringContent(made.WithEvents.ToString(CultureInfo.InvariantCulture)), "calendarId" },
            { new StringContent(token), "__RequestVerificationToken" },
        }, ct);
        var switchedOff = await client.PostAsync(list + "?handler=Upload", new MultipartFormDataContent
        {
            { new StringContent(made.SwitchedOff.ToString(CultureInfo.InvariantCulture)), "calendarId" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray()), "file", "agenda.ics" },
        }, ct);
        var newCard = moderation.QuerySelector("ul[aria-labelledby='kop-new'] > li")!;
        var noPlace = await client.PostAsync(events + "?handler=Publish", new FormUrlEncodedContent(
            [new("eventId", newCard.Id!["activiteit-".Length..]), new("type", "voorlezen"), new("__RequestVerificationToken", moderation.AntiforgeryToken())]), ct);

        await NuChecker.AssertValidAsync(
        [
            ("calendars, empty", await client.GetStringAsync(PartnerCalendarPaths.List(emptyWijk), ct)),
            ("moderation, empty", await client.GetStringAsync(PartnerCalendarPaths.Events(emptyWijk), ct)),
            ("calendars, with results, refused and off", await client.GetStringAsync(list, ct)),
            ("calendars, add form with errors", await Checked(addErrors, ".error-summary", ct)),
            ("calendars, upload without a file", await Checked(noFile, ".error-summary", ct)),
            ("calendars, upload to a calendar that is off", await Checked(switchedOff, ".error-summary", ct)),
            ("calendars, removal step", await client.GetStringAsync(PartnerCalendarPaths.Remove(made.WijkId, made.WithEvents), ct)),
            ("moderation, every group", await client.GetStringAsync(events, ct)),
            ("moderation, publish without a place", await Checked(noPlace, ".error-summary", ct)),
        ]);
    }

    /// <summary>The page a refused post answered with, after checking it is that page (200 with the error summary).</summary>
    private static async Task<string> Checked(HttpResponseMessage response, string selector, CancellationToken ct)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.NotNull((await response.ParseAsync()).QuerySelector(selector));
        return html;
    }
}
