using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Editing;

/// <summary>The activity editor in plain terms: one-off or repeating, end date or count, school holidays, cancel or move one date, capacity.</summary>
public sealed class ActivityEditorTests
{
    /// <summary>A new weekly activity as a professional would type it at the clubhuis in the Schilderswijk.</summary>
    public static List<KeyValuePair<string, string>> WeeklyActivity(string title = "Peuterdansen") =>
    [
        new("Input.Title", title), new("Input.Type", "bewegen"), new("Input.Summary", "Dansen en bewegen op muziek met uw peuter."),
        new("Input.Body", "We dansen op **kinderliedjes**. Neem makkelijke kleren mee."),
        new("Input.AgeFromMonths", "18"), new("Input.AgeToMonths", "48"),
        new("Input.Languages", "nl"), new("Input.Languages", "ar"), new("Input.OtherLanguages", ""),
        new("Input.Place", "clubhuis"), new("Input.Organiser", "clubhuis"),
        new("Input.Repeat", "weekly"), new("Input.StartDate", "2026-11-24"), new("Input.StartTime", "10:00"), new("Input.EndTime", "11:00"),
        new("Input.EveryWeeks", "1"), new("Input.Days", "tuesday"), new("Input.Ends", "never"),
        new("Input.CostKind", "gratis"), new("Input.SignUp", "ja"), new("Input.Capacity", "12"),
    ];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AProfessionalCreatesAWeeklyActivityThatStaysOfflineUntilPublished(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var pro = await site.ProfessionalAsync();
        var client = await site.SignedInClientAsync(pro);
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");

        var saved = await client.SaveAsync(EditingPaths.NewActivity(place), WeeklyActivity());
        var id = Editors.IdFromLocation(saved);

        var row = await site.WithDbAsync(db => db.Activities.AsNoTracking().Include(a => a.MeetingPlace).SingleAsync(a => a.Id == id));
        Assert.Equal(("peuterdansen", PublishState.Draft, "clubhuis"), (row.Slug, row.State, row.MeetingPlace.Slug));
        Assert.Equal([DayOfWeek.Tuesday], row.Schedule.Days);
        Assert.Equal((12, true), (row.Capacity, row.SignUpRequired));
        var version = Assert.Single(await site.VersionsAsync(NodeKind.Activity, id));
        Assert.Equal((1, VersionStatus.Draft, pro.Id, "pro@example.nl"), (version.Number, version.Status, version.CreatedById, version.CreatedByName));
        Assert.Equal(FixedClock.DefaultNow.UtcDateTime, version.CreatedUtc);
        Assert.StartsWith("---\nkey: ", version.Text); // the content file format, as the export writes it

        var anonymous = site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/peuterdansen")).StatusCode);

        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        var page = await anonymous.GetDocumentAsync("/den-haag/schilderswijk/activiteiten/peuterdansen");
        Assert.Equal("Peuterdansen", page.QuerySelector("h1").Text());
        Assert.Contains("dinsdag 24 november", page.MainText());
        Assert.Contains("12 plekken", page.MainText());
        Assert.Contains("Peuterdansen", (await anonymous.GetDocumentAsync("/den-haag/schilderswijk")).MainText());
        Assert.Contains("SUMMARY:Peuterdansen", await anonymous.GetStringAsync("/den-haag/schilderswijk.ics"));
        var published = await site.NewestVersionAsync(NodeKind.Activity, id);
        Assert.Equal((pro.Id, FixedClock.DefaultNow.UtcDateTime), (published.PublishedById, published.PublishedUtc));
        Assert.Contains(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.Publish).Select(e => e.Target).ToListAsync()),
            t => t == AuditTarget.Activity(id));
    }

    [Fact]
    public async Task ErrorsAreListedAtTheTopLinkedToTheirFieldsAndNothingTypedIsLost()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        var values = WeeklyActivity().Where(v => v.Key is not ("Input.Title" or "Input.AgeToMonths" or "Input.Days" or "Input.Capacity")).ToList();
        values.AddRange([
            new("Input.Title", ""), new("Input.AgeToMonths", "12"), new("Input.Capacity", "twaalf"),
            new("Input.Cancelled[0].Date", "2026-11-25"), new("Input.Cancelled[0].Reason", "juf ziek")]);

        var response = await client.SaveAsync(EditingPaths.NewActivity(place), values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.ParseAsync();
        var (summary, fields) = Editors.Errors(doc);
        Assert.Equal("Dit moet u nog aanpassen", doc.QuerySelector(".error-summary h2").Text());

        // Every item links to an input (or group) on the page, and says which field in the field's own words.
        foreach (var (target, _) in summary)
            Assert.NotNull(doc.GetElementById(target));
        Assert.Contains(summary, s => s.Target == "f-title" && s.Text == "Titel: Dit moet u invullen.");
        Assert.Contains(summary, s => s.Target == "f-ageToMonths" && s.Text.Contains("niet lager", StringComparison.Ordinal));
        Assert.Contains(summary, s => s.Target == "f-signUp-capacity" && s.Text.Contains("heel getal in van 1 tot en met 500", StringComparison.Ordinal));
        Assert.Contains(summary, s => s.Target == "f-schedule-days");
        Assert.Contains(summary, s => s.Target == "f-schedule-cancelled-0-date" && s.Text.Contains("2026-11-25", StringComparison.Ordinal));
        Assert.Equal("Fout: Dit moet u invullen.", fields["f-title"]);
        Assert.Equal("true", doc.GetElementById("f-title")!.GetAttribute("aria-invalid"));
        Assert.Contains("f-title-error", doc.GetElementById("f-title")!.GetAttribute("aria-describedby"));

        // What was typed is still there.
        Assert.Equal("twaalf", doc.GetElementById("f-signUp-capacity")!.GetAttribute("value"));
        Assert.Equal("We dansen op **kinderliedjes**. Neem makkelijke kleren mee.", doc.GetElementById("f-body")!.TextContent);
        Assert.Equal("juf ziek", doc.GetElementById("f-schedule-cancelled-0-reason")!.GetAttribute("value"));
        Assert.Equal("ar", doc.QuerySelector("input[name='Input.Languages'][value=ar]")!.HasAttribute("checked") ? "ar" : "");
        Assert.Equal("bewegen", doc.QuerySelector("#f-type option[selected]")!.GetAttribute("value"));
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentVersions.CountAsync()));
        Assert.False(await site.WithDbAsync(db => db.Activities.AnyAsync(a => a.Title == "")));
    }

    [Fact]
    public async Task RepeatingMonthlyOnTheNthWeekdayWithACountAndWithoutSchoolHolidays()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        var values = WeeklyActivity("Ouderavond").Where(v => v.Key is not ("Input.Repeat" or "Input.Days" or "Input.Ends" or "Input.CostKind")).ToList();
        values.AddRange([
            new("Input.Repeat", "monthly"), new("Input.MonthlyDay", "thursday"), new("Input.WeekOfMonth", "-1"), new("Input.EveryMonths", "2"),
            new("Input.Ends", "count"), new("Input.Count", "4"), new("Input.SkipSchoolHolidays", "zuid"),
            new("Input.ExtraDates[0]", "2026-12-19"), new("Input.ExtraDates[1]", ""),
            new("Input.CostKind", "bedrag"), new("Input.CostAmount", "2,50"), new("Input.CostNote", "per keer")]);

        var id = Editors.IdFromLocation(await client.SaveAsync(EditingPaths.NewActivity(place), values));
        var a = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal((Repeat.Monthly, 2, -1, 4, HolidayRegion.Zuid), (a.Schedule.Repeat, a.Schedule.Interval, a.Schedule.WeekOfMonth, a.Schedule.Count, a.Schedule.SkipSchoolHolidays));
        Assert.Equal([DayOfWeek.Thursday], a.Schedule.Days);
        Assert.Equal([new DateOnly(2026, 12, 19)], a.Schedule.ExtraDates);
        Assert.Equal((false, 2.50m, "per keer"), (a.IsFree, a.CostAmount, a.CostNote));

        // Opening it again shows the same choices.
        var form = await client.GetDocumentAsync(EditingPaths.Edit(NodeKind.Activity, id));
        Assert.True(form.QuerySelector("input[name='Input.Repeat'][value=monthly]")!.HasAttribute("checked"));
        Assert.Equal("thursday", form.QuerySelector("#f-schedule-monthlyDay option[selected]")!.GetAttribute("value"));
        Assert.Equal("-1", form.QuerySelector("#f-schedule-weekOfMonth option[selected]")!.GetAttribute("value"));
        Assert.Equal("4", form.GetElementById("f-schedule-count")!.GetAttribute("value"));
        Assert.Equal("2.50", form.GetElementById("f-cost")!.GetAttribute("value"));
    }

    [Fact]
    public async Task CancellingOneDateWithAReasonAndMovingAnotherShowOnThePublicPage()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp"); // Tuesdays 13.30–15.00

        // The node page lists the coming dates with a link that opens the form with the date filled in.
        var node = await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id));
        var cancelLink = node.QuerySelectorAll("#datums ~ ul a, section a").Select(a => a.GetAttribute("href")!).First(h => h.Contains("vervalt=2026-11-24", StringComparison.Ordinal));
        var form = await client.GetDocumentAsync(cancelLink.Split('#')[0]);
        Assert.Equal("2026-11-24", form.GetElementById("f-schedule-cancelled-0-date")!.GetAttribute("value"));

        var response = await client.SubmitAsync(form, cancelLink.Split('#')[0], [
            new("Input.Cancelled[0].Reason", "juf ziek"),
            new("Input.Moved[0].Date", "2026-12-01"), new("Input.Moved[0].To", "2026-12-03"), new("Input.Moved[0].StartTime", "09:30"),
            new("Input.Moved[0].EndTime", "11:00"), new("Input.Moved[0].Reason", "zaal bezet"), new("Command", "save")], "form#f-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);

        var page = (await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).MainText();
        Assert.Contains("juf ziek", page);
        Assert.Contains("zaal bezet", page);
        var changes = await site.WithDbAsync(db => db.Activities.AsNoTracking().Where(a => a.Id == id).Select(a => a.ScheduleChanges).SingleAsync());
        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, c => c is { Cancelled: true, Reason: "juf ziek" } && c.Date == new DateOnly(2026, 11, 24));
        Assert.Contains(changes, c => c is { Cancelled: false, Reason: "zaal bezet" } && c.NewDate == new DateOnly(2026, 12, 3) && c.NewStartTime == new TimeOnly(9, 30));

        // A date the schedule does not have cannot be cancelled (the reader's own rule, said in Dutch).
        var wrong = await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Cancelled[0].Date", "2026-11-25"), new("Input.Cancelled[0].Reason", "x")]);
        var (summary, _) = Editors.Errors(await wrong.ParseAsync());
        Assert.Contains(summary, s => s.Target == "f-schedule-cancelled-0-date" && s.Text.Contains("Op 2026-11-25 is er geen activiteit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATimeBetweenTwoAndThreeAtNightIsSavedAndPublishedWithAWarningOnTheFormAndTheNodePage()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp"); // Tuesdays 13.30–15.00
        var edit = EditingPaths.Edit(NodeKind.Activity, id);
        Assert.Equal("", Editors.Warnings(await client.GetDocumentAsync(edit)).Heading);

        var saved = await client.SaveAsync(edit, [new("Input.StartTime", "02:30"), new("Input.EndTime", "03:15")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode); // a warning stops nothing

        // The node page, where one publishes, says it and links to the field in the editor.
        var (heading, items) = Editors.Warnings(await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id)));
        Assert.Equal("Let op", heading);
        var item = Assert.Single(items);
        Assert.Equal($"{edit}#f-schedule-time", item.Link);
        Assert.StartsWith("Tijd: 02:30 is tussen 2 en 3 uur 's nachts.", item.Text, StringComparison.Ordinal);

        // The form says it too, linked to its own field, in a region with a heading (not an alert, not an error).
        var form = await client.GetDocumentAsync(edit);
        Assert.Equal(("#f-schedule-time", item.Text), Editors.Warnings(form).Items.Single());
        Assert.NotNull(form.GetElementById("f-schedule-time"));
        Assert.Equal("let-op-titel", form.QuerySelector("main .warning-summary")!.GetAttribute("aria-labelledby"));
        Assert.Empty(form.QuerySelectorAll(".error-summary"));

        // Shown again with an error, the warning stays a warning next to it.
        var wrong = await (await client.SaveAsync(edit, [new("Input.Title", "")])).ParseAsync();
        Assert.Equal(["f-title"], Editors.Errors(wrong).Summary.Select(s => s.Target));
        Assert.Equal(["#f-schedule-time"], Editors.Warnings(wrong).Items.Select(i => i.Link));

        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        Assert.Equal(new TimeOnly(2, 30), await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Schedule.StartTime).SingleAsync()));
    }

    [Fact]
    public async Task MovingADateThatTheSkippedSchoolHolidaysTakeOutIsSavedWithAWarning()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync("holtenbroek"));
        var id = await site.ActivityIdAsync("holtenbroek", "taalplezier"); // Thursdays, not in the school holidays of noord
        var edit = EditingPaths.Edit(NodeKind.Activity, id);

        // Before saving: the form shown again (a row added) warns already, linked to the row as typed (the empty first row is not in the text).
        var typed = await (await client.SaveAsync(edit, [
            new("Input.Moved[0].Date", ""), new("Input.Moved[0].To", ""),
            new("Input.Moved[1].Date", "2026-12-24"), new("Input.Moved[1].To", "2026-12-18")], "add-cancelled")).ParseAsync();
        Assert.Equal(["#f-schedule-moved-1-date"], Editors.Warnings(typed).Items.Select(i => i.Link));

        var saved = await client.SaveAsync(edit, [new("Input.Moved[0].Date", "2026-12-24"), new("Input.Moved[0].To", "2026-12-18"), new("Input.Moved[0].Reason", "kerstfeest")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var item = Editors.Warnings(await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id))).Items.Single();
        Assert.Equal($"{edit}#f-schedule-moved-0-date", item.Link);
        Assert.Contains("2026-12-24 valt in de Kerstvakantie 2026", item.Text, StringComparison.Ordinal);
        Assert.Contains("Zet 2026-12-18 dan bij de extra datums", item.Text, StringComparison.Ordinal);
        Assert.Equal(("#f-schedule-moved-0-date", item.Text), Editors.Warnings(await client.GetDocumentAsync(edit)).Items.Single());
    }

    [Fact]
    public async Task RowButtonsAddAndRemoveRowsWithoutLosingWhatWasTyped()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        var values = WeeklyActivity().Where(v => v.Key != "Input.Title").Append(new("Input.Title", "Nog niet af")).ToList();

        var added = await client.SaveAsync(EditingPaths.NewActivity(place), values, "add-cancelled");
        var doc = await added.ParseAsync();
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("Nog niet af", doc.GetElementById("f-title")!.GetAttribute("value"));
        Assert.NotNull(doc.GetElementById("f-schedule-cancelled-0-date"));
        Assert.Empty(doc.QuerySelectorAll(".error-summary"));

        var removed = await client.SubmitAsync(doc, EditingPaths.NewActivity(place), [new("Command", "remove-cancelled:0")], "form#f-form");
        var after = await removed.ParseAsync();
        Assert.Null(after.GetElementById("f-schedule-cancelled-0-date"));
        Assert.Equal("Nog niet af", after.GetElementById("f-title")!.GetAttribute("value"));
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentVersions.CountAsync()));
    }

    [Fact]
    public async Task AProfessionalCannotHoldAnActivityAtAPlaceTheyDoNotWorkFor()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.ProfessionalAsync());
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        var form = await client.GetDocumentAsync(EditingPaths.NewActivity(place));
        Assert.Equal(["", "clubhuis"], form.QuerySelectorAll("#f-place option").Select(o => o.GetAttribute("value")));

        var values = WeeklyActivity().Where(v => v.Key != "Input.Place").Append(new("Input.Place", "bibliotheek")).ToList();
        var response = await client.SaveAsync(EditingPaths.NewActivity(place), values);
        var (summary, _) = Editors.Errors(await response.ParseAsync());
        Assert.Contains(summary, s => s.Target == "f-place" && s.Text.Contains("waarvoor u werkt", StringComparison.Ordinal));
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentVersions.CountAsync()));

        // Nor open another place's new-activity page (the route's scope check).
        var other = await site.PlaceIdAsync("schilderswijk", "bibliotheek");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(EditingPaths.NewActivity(other))).StatusCode);
    }
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AOneOffActivityHasExactlyItsOneDateOnThePageAndInTheFeed(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var (page, ics) = await PublishedThroughTheFormAsync(site, "Voorleesmiddag", [
            new("Input.Repeat", "once"), new("Input.StartDate", "2026-12-02"), new("Input.StartTime", "14:00"), new("Input.EndTime", "15:30")]);

        Assert.Equal(["2026-12-02"], DatesOn(page));
        Assert.Contains("woensdag 2 december", page.MainText());
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261202T140000", ics);
        Assert.Contains("DTEND;TZID=Europe/Amsterdam:20261202T153000", ics);
        Assert.DoesNotContain("RRULE", ics);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryTwoWeeksOnTuesdayAndThursdaySkipsEveryOtherWeek(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var (page, ics) = await PublishedThroughTheFormAsync(site, "Taalspel", [
            new("Input.Repeat", "weekly"), new("Input.StartDate", "2026-11-24"), new("Input.StartTime", "10:00"), new("Input.EndTime", "11:00"),
            new("Input.EveryWeeks", "2"), new("Input.Days", "tuesday"), new("Input.Days", "thursday"), new("Input.Ends", "never")]);

        // Weeks of 23 November, 7 and 21 December, 4 January …; the weeks in between have nothing. The page shows eight dates.
        Assert.Equal(["2026-11-24", "2026-11-26", "2026-12-08", "2026-12-10", "2026-12-22", "2026-12-24", "2027-01-05", "2027-01-07"], DatesOn(page));
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261124T100000", ics);
        Assert.Contains("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", ics);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ASeriesThatEndsOnADateStopsOnThatDateIncluded(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var (page, ics) = await PublishedThroughTheFormAsync(site, "Babymassage", [
            new("Input.Repeat", "weekly"), new("Input.StartDate", "2026-11-25"), new("Input.StartTime", "09:30"), new("Input.EndTime", "10:30"),
            new("Input.EveryWeeks", "1"), new("Input.Days", "wednesday"), new("Input.Ends", "until"), new("Input.Until", "2026-12-16")]);

        Assert.Equal(["2026-11-25", "2026-12-02", "2026-12-09", "2026-12-16"], DatesOn(page));
        Assert.Contains("woensdag 16 december", page.MainText());
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261125T093000", ics);
        var rule = ics.Split("\r\n").Single(l => l.StartsWith("RRULE:", StringComparison.Ordinal));
        Assert.StartsWith("RRULE:FREQ=WEEKLY;UNTIL=20261216", rule);
        Assert.Contains("BYDAY=WE", rule);
    }

    /// <summary>
    /// Saves a new activity at the clubhuis through the editor form with <paramref name="schedule"/> in place of the weekly
    /// schedule, publishes it, and returns its public page and the event in its own calendar feed.
    /// </summary>
    private static async Task<(AngleSharp.Dom.IDocument Page, string Ics)> PublishedThroughTheFormAsync(
        SiteFactory site, string title, List<KeyValuePair<string, string>> schedule)
    {
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        string[] scheduleFields = ["Input.Repeat", "Input.StartDate", "Input.StartTime", "Input.EndTime", "Input.EveryWeeks", "Input.Days", "Input.Ends"];
        var values = WeeklyActivity(title).Where(v => !scheduleFields.Contains(v.Key)).Concat(schedule).ToList();
        var id = Editors.IdFromLocation(await client.SaveAsync(EditingPaths.NewActivity(place), values));
        await client.PublishNewestAsync(site, NodeKind.Activity, id);

        var slug = await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync());
        var anonymous = site.CreateClient();
        var page = await anonymous.GetDocumentAsync($"/den-haag/schilderswijk/activiteiten/{slug}");
        Assert.Equal(title, page.QuerySelector("h1").Text());
        // The event itself, without the VTIMEZONE before it (whose daylight-saving rules are RRULEs too).
        var ics = await anonymous.GetStringAsync($"/den-haag/schilderswijk/activiteiten/{slug}.ics");
        var start = ics.IndexOf("BEGIN:VEVENT", StringComparison.Ordinal);
        Assert.True(start >= 0, ics);
        Assert.Equal(1, ics.Split("BEGIN:VEVENT").Length - 1);
        return (page, ics[start..ics.IndexOf("END:VEVENT", start, StringComparison.Ordinal)]);
    }

    /// <summary>The dates the public page lists, from each date's own "add to calendar" link (…/{yyyy-MM-dd}.ics).</summary>
    private static List<string> DatesOn(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("main a.add-date").Select(a => a.GetAttribute("href")!.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal)).ToList();
}
