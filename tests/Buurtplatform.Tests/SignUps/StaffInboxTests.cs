using System.Net;
using System.Text;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.SignUps;
using Buurtplatform.Web.SignUps.Staff;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.SignUps;

/// <summary>The professionals' side: inbox, states and notes, follow-up mark, attendance list, CSV export, audit, notifications.</summary>
public sealed class StaffInboxTests
{
    [Fact]
    public async Task AProfessionalSeesNewestFirstMarksGebeldWithANoteIsRecordedAsHandlerAndEveryViewIsAudited()
    {
        using var site = SignUpKit.Site();
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]);
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Oudste", email: "oud@example.nl"));
        site.Clock.Advance(TimeSpan.FromMinutes(5));
        var remark = SignUpKit.Parent("Nieuwste", phone: "0612000011", children: 2);
        remark["Input.WantsCall"] = "ja";
        remark["Input.Remark"] = "Mijn zoon is verlegen.";
        await site.SignUpAsync(client, SignUpKit.Evening, remark);

        var staff = await site.SignedInClientAsync(pro);
        var inbox = await staff.GetAsync($"/backoffice/activiteiten/{id}/aanmeldingen");
        Assert.Equal("no-store", inbox.Headers.CacheControl?.ToString());
        var doc = await inbox.ParseAsync();
        var cards = doc.QuerySelectorAll("article.signup-card").ToList();
        Assert.Equal(["Nieuwste", "Oudste"], cards.Select(c => c.QuerySelector("h3")!.ChildNodes.OfType<AngleSharp.Dom.IText>().Select(t => t.Data.Trim()).First(t => t.Length > 0)));
        Assert.Contains("Mijn zoon is verlegen.", cards[0].TextContent);
        Assert.Contains("2 jaar, 8 mnd", cards[0].TextContent);
        Assert.Contains("nieuw", cards[0].QuerySelector(".status")!.TextContent);
        Assert.Contains("vóór woensdag 25 november", cards[0].QuerySelector(".followup")!.TextContent); // signed up Monday: two working days

        var newest = (await site.SignUpsAsync()).Single(s => s.FirstName == "Nieuwste");
        var saved = await staff.SubmitAsync(doc, $"/backoffice/activiteiten/{id}/aanmeldingen",
            new Dictionary<string, string> { ["Update.State"] = "Contacted", ["Update.Note"] = "Gebeld, komt met oma." }, $"article[aria-labelledby='aanmelding-{newest.Id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var row = (await site.SignUpsAsync()).Single(s => s.Id == newest.Id);
        Assert.Equal((SignUpState.Contacted, "Gebeld, komt met oma.", pro.Id, "pro"), (row.State, row.Note, row.HandledById, row.HandledByName));
        var after = (await staff.GetDocumentAsync($"/backoffice/activiteiten/{id}/aanmeldingen")).QuerySelector($"article[aria-labelledby='aanmelding-{newest.Id}']")!;
        Assert.Contains("gebeld/gemaild", after.QuerySelector(".status")!.TextContent);
        Assert.Contains("pro,", after.TextContent);
        Assert.Null(after.QuerySelector(".followup"));

        var audit = await site.WithDbAsync(db => db.AuditLog.Where(e => e.ActorId == pro.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, audit.Count(e => e.Action == AuditAction.SignUpsViewed && e.Target == AuditTarget.Activity(id)));
        var change = Assert.Single(audit, e => e.Action == AuditAction.SignUpChanged);
        Assert.Equal((AuditTarget.SignUp(newest.Id), "state New → Contacted"), (change.Target, change.Detail));
        Assert.All(audit, e => Assert.DoesNotContain("Nieuwste", e.Detail ?? ""));

        // Another place's professional in the same wijk may not see or change these.
        var other = await site.SignedInClientAsync(await site.CreateStaffAsync("ander@example.nl", StaffRole.Professional, places: ["moerwijk/buurtkamer"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/backoffice/activiteiten/{id}/aanmeldingen")).StatusCode);
    }

    [Fact]
    public async Task FollowUpWithinTwoWorkingDaysSkipsWeekendsAndPublicHolidays()
    {
        using var site = SignUpKit.Site();
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]);
        // Thursday 24 December 2026: Christmas (Friday), Boxing Day and the weekend pass; due Tuesday 29 December.
        site.Clock.Now = new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.Zero);
        await site.SignUpAsync(site.HttpsClient(), SignUpKit.Evening, SignUpKit.Parent("Kerst", email: "kerst@example.nl"));
        // A fresh sign-in each day: the session itself follows the fixed clock.
        async Task<AngleSharp.Dom.IDocument> InboxAsync() => await (await site.SignedInClientAsync(pro)).GetDocumentAsync($"/backoffice/activiteiten/{id}/aanmeldingen");
        string Mark(AngleSharp.Dom.IDocument d) => d.QuerySelector(".followup")!.TextContent;

        Assert.Contains("vóór dinsdag 29 december", Mark(await InboxAsync()));
        site.Clock.Now = new DateTimeOffset(2026, 12, 29, 10, 0, 0, TimeSpan.Zero);
        Assert.Contains("vandaag", Mark(await InboxAsync()));
        site.Clock.Now = new DateTimeOffset(2026, 12, 30, 10, 0, 0, TimeSpan.Zero);
        var late = (await InboxAsync()).QuerySelector(".followup")!;
        Assert.Contains("te laat", late.TextContent);
        Assert.Contains("followup-late", late.ClassName);
    }

    [Fact]
    public async Task TheAttendanceListShowsOneDateForPrintAndTheCsvExportIsFormulaSafeAndAudited()
    {
        using var site = SignUpKit.Site();
        var id = await site.SettingsAsync(SignUpKit.Bootcamp, s => s.Capacity = 2);
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["schilderswijk/clubhuis"]);
        var client = site.HttpsClient();
        var evil = SignUpKit.Parent("Amina", email: "a@example.nl");
        evil["Input.Remark"] = "+31 is mijn landcode";
        await site.SignUpAsync(client, SignUpKit.Bootcamp, evil, date: "2026-12-01");
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Bea", phone: "0612000012"), date: "2026-12-01");
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("-Cas", email: "c@example.nl"), date: "2026-12-01");
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Anderedag", email: "d@example.nl"), date: "2026-12-08");
        // The form refuses such names now (FirstNameTests); the export stays formula-safe for rows stored before that.
        await site.WithDbAsync(db => db.SignUps.Where(x => x.FirstName == "Amina").ExecuteUpdateAsync(x => x.SetProperty(r => r.FirstName, "=HYPERLINK(\"https://evil.example\";\"klik\")")));
        await site.WithDbAsync(db => db.SignUps.Where(x => x.FirstName == "Bea").ExecuteUpdateAsync(x => x.SetProperty(r => r.FirstName, "@Bea")));
        var staff = await site.SignedInClientAsync(pro);

        var list = await staff.GetDocumentAsync($"/backoffice/activiteiten/{id}/aanwezigheid?datum=2026-12-01");
        Assert.Contains("dinsdag 1 december", list.QuerySelector(".lead").Text());
        Assert.Equal(2, list.QuerySelectorAll("table.attendance:not(.waiting) tbody tr").Length);
        Assert.Single(list.QuerySelectorAll("table.waiting tbody tr"));
        Assert.DoesNotContain("Anderedag", list.MainText());
        var css = await (await staff.GetAsync("/css/backoffice.css")).Content.ReadAsStringAsync();
        Assert.Contains("@page", css);
        Assert.Contains("size: A4", css);

        var export = await staff.GetAsync($"/backoffice/activiteiten/{id}/aanmeldingen/export?datum=2026-12-01");
        Assert.Equal("text/csv; charset=utf-8", export.Content.Headers.ContentType?.ToString());
        Assert.Equal("aanmeldingen-babybootcamp-2026-12-01.csv", export.Content.Headers.ContentDisposition?.FileNameStar ?? export.Content.Headers.ContentDisposition?.FileName);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 byte order mark for Excel
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Nummer;Status;Wachtlijstplaats;Datum;Voornaam;Telefoon;E-mail", lines[0]);
        Assert.Contains(";\"'=HYPERLINK(\"\"https://evil.example\"\";\"\"klik\"\")\";", lines[1]);
        Assert.Contains(";\"'+31 is mijn landcode\";", lines[1]);
        Assert.Contains(";\"'@Bea\";", lines[2]);
        Assert.Contains(";\"'-Cas\";", lines[3]);
        // The moment of signing up in Amsterdam time, like the inbox on screen (December: UTC+1), not in UTC.
        Assert.EndsWith(";Aangemeld op;Notitie;Afgehandeld door", lines[0]);
        var beaCreatedUtc = await site.WithDbAsync(db => db.SignUps.Where(x => x.FirstName == "@Bea").Select(x => x.CreatedUtc).SingleAsync());
        Assert.Equal(beaCreatedUtc.AddHours(1).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), lines[2].Split(';')[^3]);
        Assert.Contains(";wachtlijst;1;", lines[3]);
        Assert.DoesNotContain(lines, l => l.Contains("Anderedag", StringComparison.Ordinal));

        var exports = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignUpsExported).ToListAsync());
        var entry = Assert.Single(exports);
        Assert.Equal((pro.Id, AuditTarget.Activity(id), "CSV 2026-12-01: 3 sign-ups"), (entry.ActorId, entry.Target, entry.Detail));
        Assert.Contains(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignUpsViewed).Select(e => e.Detail).ToListAsync()),
            d => d == "attendance list 2026-12-01: 3 sign-ups shown");
    }

    [Fact]
    public async Task TheAttendanceListAndTheExportHoldEverySignUpNotOnlyAnInboxPage()
    {
        using var site = SignUpKit.Site();
        var id = await site.SettingsAsync(SignUpKit.Bootcamp, s => s.Capacity = 200);
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["schilderswijk/clubhuis"]);
        await site.SignUpAsync(site.HttpsClient(), SignUpKit.Bootcamp, SignUpKit.Parent("Eerste", email: "e@example.nl"), date: "2026-12-01");
        const int total = Inbox.PageSize + 20;
        await site.WithDbAsync(async db =>
        {
            var first = await db.SignUps.AsNoTracking().SingleAsync();
            for (var i = 2; i <= total; i++)
            {
                db.SignUps.Add(new SignUp
                {
                    ActivityId = first.ActivityId, SlotId = first.SlotId, Sequence = i, State = first.State, FirstName = $"Ouder{i}",
                    Email = $"ouder{i}@example.nl", Children = 1, ChildAges = first.ChildAges, ConsentUtc = first.ConsentUtc,
                    CreatedUtc = first.CreatedUtc.AddMinutes(i), TokenHash = $"test-{i}", TokenExpiresUtc = first.TokenExpiresUtc,
                });
            }

            await db.SaveChangesAsync();
        });
        var staff = await site.SignedInClientAsync(pro);

        var list = await staff.GetDocumentAsync($"/backoffice/activiteiten/{id}/aanwezigheid?datum=2026-12-01");
        Assert.Equal(total, list.QuerySelectorAll("table.attendance:not(.waiting) tbody tr").Length);
        var export = await (await staff.GetAsync($"/backoffice/activiteiten/{id}/aanmeldingen/export?datum=2026-12-01")).Content.ReadAsStringAsync();
        Assert.Equal(total + 1, export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // and the header
        Assert.Equal(Inbox.PageSize, (await staff.GetDocumentAsync($"/backoffice/activiteiten/{id}/aanmeldingen")).QuerySelectorAll("article.signup-card").Length);
    }

    [Fact]
    public async Task StaffGetAMailPerSignUpOrOneDailyDigestAsEachPrefersWithoutTheParentsData()
    {
        using var site = SignUpKit.Site();
        var each = await site.CreateStaffAsync("elk@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]);
        var digest = await site.CreateStaffAsync("dag@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]);
        var none = await site.CreateStaffAsync("geen@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]);
        var editor = await site.CreateStaffAsync("redactie@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        foreach (var (account, choice) in new[] { (digest, "DailyDigest"), (none, "None") })
        {
            var c = await site.SignedInClientAsync(account);
            Assert.Equal(HttpStatusCode.Redirect, (await c.SubmitAsync("/backoffice/account/meldingen", new { Notification = choice })).StatusCode);
        }

        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Mira", email: "mira@example.nl"));
        await site.SignUpAsync(client, SignUpKit.Course, SignUpKit.Parent("Nina", phone: "0612000013"));
        var mails = await site.DeliverAllMailAsync();
        Assert.Equal(2, mails.Count(m => m.To == each.Email));
        Assert.DoesNotContain(mails, m => m.To == digest.Email || m.To == none.Email || m.To == editor.Email); // the place has professionals
        Assert.All(mails.Where(m => m.To == each.Email), m => Assert.DoesNotContain("Mira", m.Body));

        // The digest goes the next morning at 7.00, once, with counts per activity.
        site.Clock.Now = new DateTimeOffset(2026, 11, 24, 5, 59, 0, TimeSpan.Zero);
        Assert.Equal(0, await site.WithJobsAsync(j => j.SendDigestsAsync(CancellationToken.None)));
        site.Clock.Now = new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await site.WithJobsAsync(j => j.SendDigestsAsync(CancellationToken.None)));
        Assert.Equal(0, await site.WithJobsAsync(j => j.SendDigestsAsync(CancellationToken.None)));
        var day = Assert.Single(await site.DeliverAllMailAsync(), m => m.To == digest.Email);
        Assert.Equal("Nieuwe aanmeldingen: 2", day.Subject);
        Assert.Contains("Babybootcamp (cursus van zes weken): 1 nieuw", day.Body);
        Assert.Contains("Peutergedrag: een avond voor ouders: 1 nieuw", day.Body);
        Assert.DoesNotContain("Mira", day.Body);
        Assert.DoesNotContain("0612000013", day.Body);
    }

    [Fact]
    public async Task RaisingTheCapacityInTheSettingsHandsPlacesToTheWaitlistAtOnce()
    {
        using var site = SignUpKit.Site();
        var id = await site.SettingsAsync(SignUpKit.Evening, s => s.Capacity = 1);
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Een", email: "een@example.nl"));
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Twee", email: "twee@example.nl"));
        var editor = await site.SignedInClientAsync(await site.CreateStaffAsync("redactie@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]));

        var settings = await editor.GetDocumentAsync($"/backoffice/activiteiten/{id}/aanmeldformulier");
        var saved = await editor.SubmitAsync(settings, $"/backoffice/activiteiten/{id}/aanmeldformulier",
            new Dictionary<string, string> { ["Input.Capacity"] = "2", ["Input.ClosesDaysBefore"] = "1", ["Input.ClosesAt"] = "20:00" }, "main form.form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var row = await site.WithDbAsync(db => db.SignUpSettings.SingleAsync(s => s.ActivityId == id));
        Assert.Equal((2, 1, new TimeOnly(20, 0)), (row.Capacity, row.ClosesDaysBefore, row.ClosesAt));
        Assert.All(await site.SignUpsAsync(), s => Assert.Equal(SignUpState.New, s.State));
        Assert.Contains(await site.DeliverAllMailAsync(), m => m.To == "twee@example.nl" && m.Subject.StartsWith("Er is plek", StringComparison.Ordinal));

        // A question added here is asked on the form.
        var added = await editor.SubmitAsync(await editor.GetDocumentAsync($"/backoffice/activiteiten/{id}/aanmeldformulier"), $"/backoffice/activiteiten/{id}/aanmeldformulier",
            new Dictionary<string, string> { ["Question.Text"] = "Welke dag past u?", ["Question.Kind"] = "Choice", ["Question.Choices"] = "Dinsdag\nDonderdag", ["Question.Required"] = "true" },
            "form[action$='handler=AddQuestion']");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var form = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
        Assert.Contains("Welke dag past u?", form.MainText());
        Assert.Equal(["", "Dinsdag", "Donderdag"], form.QuerySelectorAll("select[name^='Input.Answers'] option").Select(o => o.GetAttribute("value")));
    }
}
