using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.SignUps;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.SignUps;

/// <summary>
/// Where, when and whom to ask (issue 13): contact on the activity page only when there is one, the place in one
/// glance, the confirmation page and mail with address, calendar link and attachment, and parents told once when a
/// date they signed up for changes.
/// </summary>
public sealed class JourneyPeopleTests
{
    [Fact]
    public async Task TheActivityPageShowsWhereAndHowToReachTheOrganiserWithLinksAPhoneActsOn()
    {
        using var site = SignUpKit.Site();
        var doc = await site.HttpsClient().GetDocumentAsync(SignUpKit.Evening);
        var where = doc.QuerySelector("section.where")!;
        Assert.Contains("Speelzaal", where.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(where.QuerySelector("a[href^='https://www.openstreetmap.org/']"));
        Assert.NotNull(where.QuerySelector("[data-map][data-points='#plek']"));
        Assert.NotNull(where.QuerySelector("#plek [data-lat][data-lon]"));
        Assert.Contains("Hoe komt u er", where.Text());
        Assert.Contains("Liever bellen of mailen? Dat kan ook:", doc.MainText());
        var tel = doc.QuerySelector(".contact-links a[href^='tel:']")!;
        Assert.Matches(@"^tel:\+3170\d{7}$", tel.GetAttribute("href"));
        Assert.StartsWith("mailto:", doc.QuerySelector(".contact-links a[href^='mailto:']")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("https://wa.me/31612345678", doc.QuerySelector(".contact-links a[href^='https://wa.me/']")!.GetAttribute("href"));
        // "Zet in mijn agenda" is a button per date; subscribing to the series is the secondary choice.
        Assert.NotNull(doc.QuerySelector("a.button.add-date[href$='/2027-01-26.ics']"));
        Assert.Contains("Alle data in uw agenda", doc.QuerySelector(".subscribe h2")!.Text());
        Assert.NotNull(doc.QuerySelector(".subscribe a.button.secondary[href^='webcal://']"));
    }

    [Fact]
    public async Task WithoutAnyContactThePageDoesNotPromiseOneAndShowsTheDirectionsThatExist()
    {
        using var site = SignUpKit.Site();
        await site.WithDbAsync(async db =>
        {
            var a = await db.Activities.Include(x => x.Organiser).Include(x => x.MeetingPlace).SingleAsync(x => x.Slug == "peutergedrag-avond" && x.Wijk.Slug == "moerwijk");
            (a.Organiser.Phone, a.Organiser.Email, a.Organiser.WhatsApp) = (null, null, null);
            (a.MeetingPlace.Phone, a.MeetingPlace.Email, a.MeetingPlace.WhatsApp) = (null, null, null);
            a.MeetingPlace.Transit = "Tram 16, halte Zuiderpark";
            await db.SaveChangesAsync();
        });
        var doc = await site.HttpsClient().GetDocumentAsync(SignUpKit.Evening);
        Assert.True(!doc.MainText().Contains("Liever bellen", StringComparison.Ordinal), doc.MainText());
        Assert.True(doc.QuerySelector("main a[href^='tel:']") is null, doc.QuerySelector("main a[href^='tel:']")?.OuterHtml);
        Assert.Contains("Met het openbaar vervoer: Tram 16, halte Zuiderpark", doc.QuerySelector("section.where")!.Text());
    }

    [Theory]
    [InlineData("070-123 45 67", true)]
    [InlineData("+31 70 123 45 67", true)]
    [InlineData("0031701234567", true)]
    [InlineData("+31 (0)70 123 45 67", true)]
    [InlineData("06-12 34 56 78", true)]
    [InlineData("0800-1234", true)]
    [InlineData("12345", false)]
    [InlineData("070-123 45 6", false)]
    [InlineData("+44 20 7946 0000", false)]
    [InlineData("bel ons", false)]
    public void DutchPhoneNumbersAreRecognised(string phone, bool valid) =>
        Assert.Equal(valid, Buurtplatform.Web.Neighbourhoods.ContactFields.DutchDigits(phone) is not null);

    [Fact]
    public void ABadContactValueIsReportedWithItsFileLineAndField()
    {
        const string text = "---\nkey: 535885b2-9156-4803-a8af-cbfb351d24da\nupdated: 2026-10-26T14:00:00Z\nname: Kinderopvang 2Samen\nrole: Organiseert.\n"
            + "contact:\n  email: info-at-2samen.nl\n  phone: 12345\n  whatsapp: 070-123 45 67\n---\n";
        var errors = new List<ContentError>();
        ContentTreeReader.ParseNode(NodeKind.Partner, "2samen", text, errors, path: "den-haag/moerwijk/partners/2samen.md");
        Assert.Contains(errors, e => e.Field == "contact.email" && e.Code == ContentErrorCodes.Email && e.Line == 7 && e.File.EndsWith("2samen.md", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "contact.phone" && e.Code == "Phone" && e.Line == 8);
        Assert.Contains(errors, e => e.Field == "contact.whatsapp" && e.Code == "WhatsApp" && e.Line == 9);
    }

    [Fact]
    public async Task TheEditorRefusesABadPhoneNumberWithAClearMessageAndKeepsAGoodOne()
    {
        using var site = SignUpKit.Site();
        var client = await site.SignedInClientAsync(await site.EditorAsync("moerwijk"));
        var id = await site.WithDbAsync(db => db.Partners.Where(p => p.Slug == "2samen" && p.Wijk.Slug == "moerwijk").Select(p => p.Id).SingleAsync());
        var bad = await (await client.SaveAsync(EditingPaths.Edit(NodeKind.Partner, id), [new("Input.Phone", "12345")])).ParseAsync();
        Assert.Contains("Vul een Nederlands telefoonnummer in", bad.QuerySelector(".error-summary")!.Text());
        var good = await client.SaveAsync(EditingPaths.Edit(NodeKind.Partner, id), [new("Input.Phone", "+31 70 123 45 99"), new("Input.WhatsApp", "06-11 22 33 44")]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var draft = await site.NewestVersionAsync(NodeKind.Partner, id);
        Assert.Contains("+31 70 123 45 99", draft.Text, StringComparison.Ordinal);
        Assert.Contains("whatsapp: 06-11 22 33 44", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConfirmationPageAndMailCarryDateAddressCalendarLinkAttachmentAndPersonalLink()
    {
        using var site = SignUpKit.Site();
        await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "speelzaal-dak" && p.Wijk.Slug == "moerwijk").ExecuteUpdateAsync(p => p.SetProperty(x => x.AddressIsPlaceholder, false)));
        var client = site.HttpsClient();
        var done = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Sanne", email: "sanne@example.nl")));
        var text = done.MainText();
        Assert.Contains("26 januari", text);
        Assert.Contains("2533 AB Den Haag", text);
        Assert.NotNull(done.QuerySelector("main a[href$='/peutergedrag-avond/2027-01-26.ics']"));
        Assert.StartsWith("/mijn-aanmelding/", done.QuerySelector("a.personal-link")!.GetAttribute("href"), StringComparison.Ordinal);

        var mail = Assert.Single(await site.DeliverAllMailAsync());
        Assert.Contains("26 januari", mail.Body);
        Assert.Contains("2533 AB Den Haag", mail.Body);
        Assert.Contains("/den-haag/moerwijk/activiteiten/peutergedrag-avond/2027-01-26.ics", mail.Body);
        Assert.Contains("/mijn-aanmelding/", mail.Body);
        var ics = Assert.Single(mail.Attachments);
        Assert.Equal(("peutergedrag-avond-2027-01-26.ics", "text/calendar"), (ics.FileName, ics.MediaType));
        Assert.Contains("BEGIN:VEVENT", ics.Text);
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20270126T193000", ics.Text);
        // The attachment is the same event as the download on the page.
        var download = await client.GetStringAsync("/den-haag/moerwijk/activiteiten/peutergedrag-avond/2027-01-26.ics");
        Assert.Equal(Uid(download), Uid(ics.Text));
    }

    [Fact]
    public async Task IcalJsReadsTheConfirmationsAttachmentAsExactlyTheDateSignedUpFor()
    {
        var tools = Buurtplatform.Tests.Calendar.IcalJsCrossCheckTests.FindToolsOrSkip();
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Sanne", email: "sanne@example.nl"));
        var ics = Assert.Single(Assert.Single(await site.DeliverAllMailAsync()).Attachments);
        var file = Path.Combine(site.DataDir, "attachment.ics");
        await File.WriteAllTextAsync(file, ics.Text);
        var output = Buurtplatform.Tests.Calendar.IcalJsCrossCheckTests.RunNode(tools, file, "2026-01-01T00:00:00.000Z", "2028-01-01T00:00:00.000Z");
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var occurrence = Assert.Single(Assert.Single(json.RootElement.EnumerateObject()).Value.EnumerateArray());
        // 19.30–21.00 in Den Haag in January (CET, UTC+1).
        Assert.Equal(("2027-01-26T18:30:00.000Z", "2027-01-26T20:00:00.000Z"), (occurrence.GetProperty("start").GetString(), occurrence.GetProperty("end").GetString()));
    }

    [Fact]
    public async Task AParentWhoGaveOnlyAPhoneNumberGetsTheLinkAndANumberToCall()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        var done = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Cem", phone: "0612000003")));
        Assert.DoesNotContain("Bel ons dan.", done.MainText());
        Assert.NotNull(done.QuerySelector("a.personal-link"));
        Assert.NotNull(done.QuerySelector(".contact-links a[href^='tel:+31']"));
        Assert.Contains("Cem", (await client.GetDocumentAsync(done.QuerySelector("a.personal-link")!.GetAttribute("href")!)).MainText());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CancellingADateWithSignUpsWarnsTheEditorAndTellsEachParentExactlyOnce(DatabaseKind kind)
    {
        using var site = SignUpKit.Site(kind);
        var parent = site.HttpsClient();
        await site.SignUpAsync(parent, SignUpKit.Evening, SignUpKit.Parent("Anna", email: "anna@example.nl"));
        await site.SignUpAsync(parent, SignUpKit.Evening, SignUpKit.Parent("Cem", phone: "0612000003"));
        var annaLink = new Uri(Assert.Single(await site.DeliverAllMailAsync()).Link("/mijn-aanmelding/")).AbsolutePath;

        var editor = await site.SignedInClientAsync(await site.EditorAsync("moerwijk"));
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id),
            [new("Input.Cancelled[0].Date", "2027-01-26"), new("Input.Cancelled[0].Reason", "zaal bezet")])).StatusCode);
        var node = await editor.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id));
        Assert.Contains("2 ouders hebben zich aangemeld", node.MainText());

        await editor.PublishNewestAsync(site, NodeKind.Activity, id);
        var mail = Assert.Single(await site.DeliverAllMailAsync(), m => !m.Subject.StartsWith("Aangemeld", StringComparison.Ordinal));
        Assert.Equal(("anna@example.nl", "Gaat niet door: Peutergedrag: een avond voor ouders"), (mail.To, mail.Subject));
        Assert.Contains("gaat niet door", mail.Body);
        Assert.Contains("Reden: zaal bezet", mail.Body);
        var notices = await site.WithDbAsync(db => db.SignUpChangeNotices.AsNoTracking().OrderBy(n => n.Id).ToListAsync());
        var sequence = await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Sequence).SingleAsync());
        Assert.Equal([(true, $"cancelled:2027-01-26#{sequence}"), (false, $"cancelled:2027-01-26#{sequence}")], notices.Select(n => (n.Mailed, n.ChangeKey)));
        Assert.Equal(2, await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditAction.SignUpChangeNotified)));
        Assert.Contains("gaat niet door", (await parent.GetDocumentAsync(annaLink)).QuerySelector(".change-notice")!.Text());

        // The staff inbox marks the date: two parents told, one of them (no e-mail) to call.
        var pro = await site.SignedInClientAsync(await site.CreateStaffAsync("pro@example.nl", Buurtplatform.Web.Accounts.StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]));
        Assert.Contains("2 ouders hebben bericht gekregen; zonder e-mail (bellen): 1", (await pro.GetDocumentAsync(SignUpPaths.ActivityInbox(id))).QuerySelector(".changed-date")!.Text());

        // Publishing again (another change to the text) tells nobody a second time.
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Summary", "Een avond over peuters.")])).StatusCode);
        Assert.DoesNotContain("laat vervallen of verplaatst", (await editor.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id))).MainText());
        await editor.PublishNewestAsync(site, NodeKind.Activity, id);
        Assert.Equal(2, (await site.DeliverAllMailAsync()).Count); // the confirmation and the one notice
        Assert.Equal(2, await site.WithDbAsync(db => db.SignUpChangeNotices.CountAsync()));

        // The database refuses a second notice for the same sign-up and change (a retry, another node).
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => site.WithDbAsync(async db =>
        {
            var first = await db.SignUpChangeNotices.AsNoTracking().FirstAsync();
            db.SignUpChangeNotices.Add(new SignUpChangeNotice { SignUpId = first.SignUpId, ChangeKey = first.ChangeKey, Kind = first.Kind });
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task ADateCancelledRestoredAndCancelledAgainIsToldAgain()
    {
        using var site = SignUpKit.Site();
        var parent = site.HttpsClient();
        await site.SignUpAsync(parent, SignUpKit.Evening, SignUpKit.Parent("Anna", email: "anna@example.nl"));
        await site.DeliverAllMailAsync();
        var editor = await site.SignedInClientAsync(await site.EditorAsync("moerwijk"));
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        async Task<List<string>> PublishAsync(params KeyValuePair<string, string>[] values)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await editor.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), values)).StatusCode);
            await editor.PublishNewestAsync(site, NodeKind.Activity, id);
            return [.. (await site.DeliverAllMailAsync()).Select(m => m.Subject)]; // every mail so far
        }

        Assert.Single(await PublishAsync(new("Input.Cancelled[0].Date", "2027-01-26"), new("Input.Cancelled[0].Reason", "zaal bezet")), s => s.StartsWith("Gaat niet door", StringComparison.Ordinal));
        // Restored: the form without the cancelled date (the editor's "remove" button posts the rest).
        var page = await editor.GetDocumentAsync(EditingPaths.Edit(NodeKind.Activity, id));
        var form = Forms.Fields((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form#f-form")!)
            .Where(f => !f.Key.StartsWith("Input.Cancelled[", StringComparison.Ordinal)).Append(new("Command", "save")).ToList();
        var restored = await editor.PostAsync(EditingPaths.Edit(NodeKind.Activity, id), new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        await editor.PublishNewestAsync(site, NodeKind.Activity, id);
        Assert.Empty((await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == id))).ScheduleChanges);
        await site.DeliverAllMailAsync();

        // Cancelled again, for another reason: Anna hears of it a second time, once.
        var again = await PublishAsync(new("Input.Cancelled[0].Date", "2027-01-26"), new("Input.Cancelled[0].Reason", "spreker ziek"));
        Assert.Equal(2, again.Count(s => s.StartsWith("Gaat niet door", StringComparison.Ordinal)));
        var keys = await site.WithDbAsync(db => db.SignUpChangeNotices.OrderBy(n => n.Id).Select(n => n.ChangeKey).ToListAsync());
        Assert.Equal(2, keys.Count);
        Assert.NotEqual(keys[0], keys[1]);
        Assert.All(keys, k => Assert.StartsWith("cancelled:2027-01-26#", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TakingAnActivityOfflineTellsItsParents()
    {
        using var site = SignUpKit.Site();
        var parent = site.HttpsClient();
        await site.SignUpAsync(parent, SignUpKit.Evening, SignUpKit.Parent("Anna", email: "anna@example.nl"));
        await site.DeliverAllMailAsync();
        var editor = await site.SignedInClientAsync(await site.EditorAsync("moerwijk"));
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        Assert.Contains("1 ouder heeft zich aangemeld", (await editor.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id))).MainText());
        Assert.Equal(HttpStatusCode.Redirect, (await editor.NodeActionAsync(NodeKind.Activity, id, "Unpublish")).StatusCode);
        var mail = Assert.Single(await site.DeliverAllMailAsync() is var all ? all.Skip(1) : []);
        Assert.StartsWith("Gaat niet door", mail.Subject, StringComparison.Ordinal);
        var notice = await site.WithDbAsync(db => db.SignUpChangeNotices.AsNoTracking().SingleAsync());
        Assert.Equal(DateChangeKind.Offline, notice.Kind);
    }

    [Fact]
    public async Task MovingADateTellsTheParentTheNewDayAndTimeInTheLanguageTheySignedUpIn()
    {
        using var site = SignUpKit.Site();
        var parent = site.HttpsClient();
        var values = SignUpKit.Parent("Anna", email: "anna@example.nl");
        values["Input.Language"] = "ar"; // the parent reads Arabic; the editor works in Dutch
        await site.SignUpAsync(parent, SignUpKit.Evening, values);
        var link = new Uri(Assert.Single(await site.DeliverAllMailAsync()).Link("/mijn-aanmelding/")).AbsolutePath;
        Assert.Equal("ar", (await site.SignUpsAsync()).Single().ContactLanguage);
        var editor = await site.SignedInClientAsync(await site.EditorAsync("moerwijk"));
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id),
            [new("Input.Moved[0].Date", "2027-01-26"), new("Input.Moved[0].To", "2027-01-28"), new("Input.Moved[0].StartTime", "19:00"), new("Input.Moved[0].EndTime", "20:30")])).StatusCode);
        Assert.Contains("1 ouder heeft zich aangemeld voor een datum", (await editor.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id))).MainText());
        await editor.PublishNewestAsync(site, NodeKind.Activity, id);
        var mail = Assert.Single(await site.DeliverAllMailAsync(), m => m.Subject.StartsWith("تغيّر الموعد", StringComparison.Ordinal));
        Assert.Contains("الخميس 28 يناير", mail.Body);
        Assert.Contains("19:00", mail.Body);
        var sequence = await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Sequence).SingleAsync());
        Assert.Equal($"moved:2027-01-26:2027-01-28T19:00#{sequence}", (await site.WithDbAsync(db => db.SignUpChangeNotices.SingleAsync())).ChangeKey);
        var notice = (await parent.GetDocumentAsync(link)).QuerySelector(".change-notice")!.Text();
        Assert.Contains("28 يناير", notice); // the personal link (/ar/mijn-aanmelding/…) opens in Arabic
    }

    [Fact]
    public async Task DeletingALiveActivityWarnsAndTellsItsParentsBeforeTheirSignUpsGo()
    {
        using var site = SignUpKit.Site();
        var parent = site.HttpsClient();
        await site.SignUpAsync(parent, SignUpKit.Evening, SignUpKit.Parent("Anna", email: "anna@example.nl"));
        await site.DeliverAllMailAsync();
        var editor = await site.SignedInClientAsync(await site.EditorAsync("moerwijk"));
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        Assert.Contains("1 ouder heeft zich aangemeld", (await editor.GetDocumentAsync(EditingPaths.Delete(NodeKind.Activity, id))).MainText());
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(EditingPaths.Delete(NodeKind.Activity, id), [], "main form")).StatusCode);
        var mail = Assert.Single(await site.DeliverAllMailAsync(), m => m.Subject.StartsWith("Gaat niet door", StringComparison.Ordinal));
        Assert.Contains("gaat niet meer door", mail.Body);
        Assert.Empty(await site.SignUpsAsync());
        Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignUpChangeNotified).ToListAsync()));
    }

    [Fact]
    public async Task MeldMijAfAsksOnceAndSaysThePlaceIsFreeWhenNobodyWaits()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Anna", email: "anna@example.nl"));
        var link = new Uri(Assert.Single(await site.DeliverAllMailAsync()).Link("/mijn-aanmelding/")).AbsolutePath;
        var question = await (await client.SubmitAsync(await client.GetDocumentAsync(link), link, [], "form[action$='handler=Cancel']")).ParseAsync();
        Assert.Contains("Uw plek komt dan vrij", question.QuerySelector(".confirm-cancel")!.Text());
        Assert.DoesNotContain("wachtlijst", question.QuerySelector(".confirm-cancel")!.Text());
        Assert.Equal(SignUpState.New, (await site.SignUpsAsync()).Single().State);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(question, link, [], "form[action$='handler=Cancel']")).StatusCode);
        Assert.Equal(SignUpState.Cancelled, (await site.SignUpsAsync()).Single().State);
        Assert.Contains("Uw plek is weer vrij voor een ander", (await client.GetDocumentAsync(link)).QuerySelector(".notice")!.Text());
    }

    [Fact]
    public async Task StaffSignAParentUpOnTheirBehalfWithTheSameCapacityAndWaitlistAndCancelForThemAudited()
    {
        using var site = SignUpKit.Site();
        var activityId = await site.SettingsAsync(SignUpKit.Evening, s => s.Capacity = 1);
        var staff = await site.SignedInClientAsync(await site.CreateStaffAsync("pro@example.nl", Buurtplatform.Web.Accounts.StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]));
        var inboxPath = SignUpPaths.ActivityInbox(activityId);
        Task<HttpResponseMessage> AddAsync(Dictionary<string, string> values) => staff.SubmitAsync(inboxPath, values, "section.staff-signup form");
        Dictionary<string, string> Parent(string name, string phone) => new()
        {
            ["Add.Date"] = "2027-01-26", ["Add.FirstName"] = name, ["Add.Phone"] = phone, ["Add.Ages"] = "2", ["Add.Consent"] = "true",
        };

        // Without the parent's consent nothing is stored.
        var refused = await (await AddAsync(new() { ["Add.FirstName"] = "Cem", ["Add.Phone"] = "0612000003", ["Add.Ages"] = "2" })).ParseAsync();
        Assert.Contains("Vraag de ouder of we de gegevens mogen gebruiken", refused.QuerySelector(".error-summary")!.Text());
        Assert.Empty(await site.SignUpsAsync());

        // The first takes the one place, the second waits, the same number twice is one sign-up.
        Assert.Contains("heeft een plek", (await staff.FollowAsync(await AddAsync(Parent("Cem", "06-12 00 00 03")))).QuerySelector(".notice[role=status]")!.Text());
        Assert.Contains("wachtlijst, als nummer 1", (await staff.FollowAsync(await AddAsync(Parent("Dirk", "0612000004")))).QuerySelector(".notice[role=status]")!.Text());
        Assert.Contains("al aangemeld", (await staff.FollowAsync(await AddAsync(Parent("Cem", "0612000003")))).QuerySelector(".notice[role=status]")!.Text());
        // A parent on the public form meets the same queue.
        var client = site.HttpsClient();
        Assert.Equal("U staat op de wachtlijst", (await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Eva", email: "eva@example.nl")))).QuerySelector("h1").Text());
        var states = (await site.SignUpsAsync()).ToDictionary(s => s.FirstName, s => s.State);
        Assert.Equal((SignUpState.New, SignUpState.Waitlisted, SignUpState.Waitlisted), (states["Cem"], states["Dirk"], states["Eva"]));
        Assert.Equal(2, await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditAction.SignUpAddedByStaff)));

        // Cem calls to cancel: staff cancel for him, Dirk moves up (to be called: no e-mail), audited.
        var cem = (await site.SignUpsAsync()).Single(s => s.FirstName == "Cem");
        var inbox = await staff.GetDocumentAsync(inboxPath);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(inbox, inboxPath, new Dictionary<string, string> { ["Update.State"] = "Cancelled" },
            $"article[aria-labelledby='aanmelding-{cem.Id}'] form")).StatusCode);
        var dirk = (await site.SignUpsAsync()).Single(s => s.FirstName == "Dirk");
        Assert.Equal((SignUpState.New, true), (dirk.State, dirk.CallAboutMoveUp));
        Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignUpChanged && e.Target == AuditTarget.SignUp(cem.Id)).ToListAsync()));
    }

    [Fact]
    public async Task EveryPageOfTheJourneyThatIssueThirteenChangedIsValidHtml()
    {
        using var site = SignUpKit.Site();
        await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "speelzaal-dak" && p.Wijk.Slug == "moerwijk").ExecuteUpdateAsync(p => p.SetProperty(x => x.AddressIsPlaceholder, false)));
        var pages = new List<(string Name, string Html)>();
        var parent = site.HttpsClient();
        async Task AddAsync(string name, HttpClient client, string path) => pages.Add((name, await client.GetStringAsync(path)));

        await AddAsync("the activity page (where, contact, a calendar link per date)", parent, SignUpKit.Evening);
        var sent = await site.SignUpAsync(parent, SignUpKit.Evening, SignUpKit.Parent("Anna", email: "anna@example.nl"));
        await AddAsync("the confirmation page", parent, sent.Headers.Location!.OriginalString);
        var link = new Uri(Assert.Single(await site.DeliverAllMailAsync()).Link("/mijn-aanmelding/")).AbsolutePath;
        var question = await parent.SubmitAsync(await parent.GetDocumentAsync(link), link, [], "form[action$='handler=Cancel']");
        pages.Add(("the question before cancelling", await question.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));

        var editor = await site.SignedInClientAsync(await site.EditorAsync("moerwijk"));
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id),
            [new("Input.Cancelled[0].Date", "2027-01-26"), new("Input.Cancelled[0].Reason", "zaal bezet")])).StatusCode);
        await AddAsync("the editor's warning before publishing", editor, EditingPaths.Node(NodeKind.Activity, id));
        await editor.PublishNewestAsync(site, NodeKind.Activity, id);
        await AddAsync("the personal link with the change", parent, link);

        var pro = await site.SignedInClientAsync(await site.CreateStaffAsync("pro@example.nl", Buurtplatform.Web.Accounts.StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]));
        await AddAsync("the inbox with the changed date and the staff sign-up form", pro, SignUpPaths.ActivityInbox(id));

        Assert.Contains(pages, p => p.Html.Contains("change-notice", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Html.Contains("changed-date", StringComparison.Ordinal));
        await Buurtplatform.Tests.Pages.NuChecker.AssertValidAsync(pages);
    }

    private static string Uid(string ics) =>
        ics.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith("UID:", StringComparison.Ordinal));
}
