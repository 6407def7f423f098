using System.Net;
using System.Security.Cryptography;
using System.Text;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.SignUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtplatform.Tests.SignUps;

/// <summary>Privacy by design, tested: logs, the personal link, erasure, retention, access requests, caching, other hosts.</summary>
public sealed class PrivacyTests
{
    [Fact]
    public async Task NoNamePhoneEmailOrTokenReachesTheLogsOfAFullSignUpEvenWithEveryLoggerAtTrace()
    {
        using var site = SignUpKit.Site();
        site.TestServices = services => services.Configure<LoggerFilterOptions>(o =>
        {
            // An operator turns on everything (categories as specific as the app's config); the app's own rules still hold.
            o.MinLevel = LogLevel.Trace;
            foreach (var category in new string?[] { null, "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System", "Buurtplatform" })
                o.Rules.Add(new LoggerFilterRule(null, category, LogLevel.Trace, null));
        });
        await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]);
        var client = site.HttpsClient();

        var values = SignUpKit.Parent("Zeynepqx", email: "zeynep.qx@example.nl", phone: "06-98 76 54 32");
        values["Input.Remark"] = "Opmerkingqx";
        var done = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Evening, values));
        Assert.Equal("U bent aangemeld", done.QuerySelector("h1").Text());
        var link = Assert.Single(await site.DeliverAllMailAsync(), m => m.To == "zeynep.qx@example.nl").Link("/mijn-aanmelding/");
        var token = link[(link.LastIndexOf('/') + 1)..];
        var path = new Uri(link).AbsolutePath;

        var mine = await client.GetDocumentAsync(path);
        Assert.Contains("Zeynepqx", mine.MainText());
        var changed = await client.SubmitAsync(mine, path, new Dictionary<string, string> { ["Input.Children"] = "2", ["Input.Ages[1].Value"] = "1" }, "form[action$='handler=Children']");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var asked = await client.SubmitAsync(await client.GetDocumentAsync(path), path, [], "form[action$='handler=Cancel']");
        var cancelled = await client.SubmitAsync(await asked.ParseAsync(), path, [], "form[action$='handler=Cancel']");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        await site.DeliverAllMailAsync();
        var deleted = await client.SubmitAsync(await client.GetDocumentAsync(path), path, [], "form[action$='handler=Delete']");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        Assert.Empty(await site.SignUpsAsync());

        var logs = site.Logs.AllText;
        Assert.True(site.Logs.Entries.Count > 200, $"only {site.Logs.Entries.Count} log entries: the trace level did not apply");
        Assert.Contains(site.Logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) && e.Level == LogLevel.Trace);
        foreach (var secret in new[] { "Zeynepqx", "zeynep", "98 76 54 32", "0698765432", "98765432", "Opmerkingqx", token, token[..12] })
        {
            Assert.False(logs.Contains(secret, StringComparison.OrdinalIgnoreCase),
                $"the logs contain '{secret}':\n" + string.Join('\n', site.Logs.Entries.Where(e => $"{e.Message} {e.Exception}".Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(e => $"{e.Level} {e.Category}: {e.Message}").Take(5)));
        }
    }

    [Fact]
    public async Task ThePersonalLinkIsRandomStoredOnlyAsAHashNeverCachedAndExpiresAfterTheActivity()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Iman", email: "iman@example.nl"));
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Ola", email: "ola@example.nl"));
        var mails = await site.DeliverAllMailAsync();
        var links = mails.Where(m => m.Subject.StartsWith("Aangemeld", StringComparison.Ordinal)).Select(m => m.Link("/mijn-aanmelding/")).ToList();
        var tokens = links.Select(l => l[(l.LastIndexOf('/') + 1)..]).ToList();

        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t)); // 256 random bits, base64url
        Assert.NotEqual(tokens[0], tokens[1]);
        var rows = await site.SignUpsAsync();
        Assert.Equal(tokens.Select(Sha256).Order(), rows.Select(r => r.TokenHash).Order());
        var dbDump = await site.WithDbAsync(async db => string.Join('\n', (await db.MailOutbox.AsNoTracking().ToListAsync()).Select(m => m.Body)));
        Assert.DoesNotContain(tokens[0], dbDump); // sent mail bodies are emptied

        var path = new Uri(links[0]).AbsolutePath;
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/mijn-aanmelding/" + tokens[0][..^1] + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/mijn-aanmelding/_link")).StatusCode);

        // Tuesday 26 January 2027 ends at 21.00 in Amsterdam (20.00 UTC): until then the link works, after it no more.
        site.Clock.Now = new DateTimeOffset(2027, 1, 26, 19, 59, 0, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        site.Clock.Now = new DateTimeOffset(2027, 1, 26, 20, 0, 0, TimeSpan.Zero);
        var gone = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("werkt niet", (await gone.ParseAsync()).QuerySelector("h1").Text());
    }

    [Fact]
    public async Task CancellingMovesTheFirstOnTheWaitlistUpWithAMailOrAsCallMovedUpAtTheTopOfTheInbox()
    {
        using var site = SignUpKit.Site();
        var activityId = await site.SettingsAsync(SignUpKit.Evening, s => s.Capacity = 1);
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]);
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Anna", email: "anna@example.nl"));
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Bram", email: "bram@example.nl"));
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Cem", phone: "0612000003"));
        var annaLink = new Uri(Assert.Single(await site.DeliverAllMailAsync(), m => m.To == "anna@example.nl").Link("/mijn-aanmelding/")).AbsolutePath;

        // Anna cancels through her link: Bram moves up and gets a mail.
        var page = await client.GetDocumentAsync(annaLink);
        var question = await (await client.SubmitAsync(page, annaLink, [], "form[action$='handler=Cancel']")).ParseAsync();
        Assert.Contains("Uw plek gaat dan naar de eerste ouder op de wachtlijst", question.MainText());
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(question, annaLink, [], "form[action$='handler=Cancel']")).StatusCode);
        Assert.Contains("Uw plek gaat naar iemand op de wachtlijst", (await client.GetDocumentAsync(annaLink)).MainText());
        var states = (await site.SignUpsAsync()).ToDictionary(s => s.FirstName, s => s.State);
        Assert.Equal((SignUpState.Cancelled, SignUpState.New, SignUpState.Waitlisted), (states["Anna"], states["Bram"], states["Cem"]));
        var moved = Assert.Single(await site.DeliverAllMailAsync(), m => m.To == "bram@example.nl" && m.Subject.StartsWith("Er is plek", StringComparison.Ordinal));
        Assert.Contains("U bent nu aangemeld voor Peutergedrag: een avond voor ouders", moved.Body);

        // Staff cancel Bram: Cem has no e-mail, so the inbox shows "bellen: doorgeschoven" on top.
        var staff = await site.SignedInClientAsync(pro);
        var bram = (await site.SignUpsAsync()).Single(s => s.FirstName == "Bram");
        var inbox = await staff.GetDocumentAsync($"/backoffice/activiteiten/{activityId}/aanmeldingen");
        var update = await staff.SubmitAsync(inbox, $"/backoffice/activiteiten/{activityId}/aanmeldingen",
            new Dictionary<string, string> { ["Update.State"] = "Cancelled" }, $"article[aria-labelledby='aanmelding-{bram.Id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        var cem = (await site.SignUpsAsync()).Single(s => s.FirstName == "Cem");
        Assert.Equal((SignUpState.New, true), (cem.State, cem.CallAboutMoveUp));
        var first = (await staff.GetDocumentAsync($"/backoffice/ontmoetingsplekken/{await PlaceIdAsync(site)}/aanmeldingen")).QuerySelector("article.signup-card")!;
        Assert.Contains("Bellen: doorgeschoven", first.TextContent);
        Assert.Contains("Cem", first.TextContent);
    }

    [Fact]
    public async Task DeleteMyDataRemovesAllTheParentsSignUpsAtOnceAndTheWaitlistMovesUp()
    {
        using var site = SignUpKit.Site();
        await site.SettingsAsync(SignUpKit.Bootcamp, s => s.Capacity = 1);
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Dina", email: "dina@example.nl"), date: "2026-12-01");
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Dina", email: "dina@example.nl"), date: "2026-12-08");
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Eva", email: "eva@example.nl"), date: "2026-12-01");
        var link = new Uri((await site.DeliverAllMailAsync()).First(m => m.To == "dina@example.nl").Link("/mijn-aanmelding/")).AbsolutePath;

        var response = await client.SubmitAsync(await client.GetDocumentAsync(link), link, [], "form[action$='handler=Delete']");
        var page = await client.FollowAsync(response);
        Assert.Contains("2 aanmeldingen verwijderd", page.MainText());

        var left = Assert.Single(await site.SignUpsAsync());
        Assert.Equal(("Eva", SignUpState.New), (left.FirstName, left.State));
        var audit = await site.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == AuditAction.SignUpErasedByParent));
        Assert.Equal("personal-link", audit.Origin); // no IP address of the parent
        Assert.DoesNotContain("dina", audit.Detail + audit.ActorName + audit.Target, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RetentionDeletesSignUpsThirtyDaysAfterTheActivityKeepsAnonymousCountsRunsIdempotentlyAndLogsOnlyCounts(DatabaseKind kind)
    {
        using var site = SignUpKit.Site(kind);
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Fien", email: "fien@example.nl", children: 2), date: "2026-12-01");
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Gijs", phone: "0612000007"), date: "2026-12-01");
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Hiba", email: "hiba@example.nl"), date: "2026-12-08");
        await site.SignUpAsync(client, SignUpKit.Course, SignUpKit.Parent("Ivo", email: "ivo@example.nl"));
        await site.WithDbAsync(db => db.SignUps.Where(s => s.FirstName == "Gijs").ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SignUpState.Attended)));

        // 31 December: 30 days after 1 December have not passed yet (deleted from 1 January on).
        site.Clock.Now = new DateTimeOffset(2026, 12, 31, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(new RetentionRun(0, 0), await RetentionAsync(site));
        site.Clock.Now = new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero); // 1 January, 0.00 in Amsterdam
        Assert.Equal(new RetentionRun(1, 2), await RetentionAsync(site));
        Assert.Equal(new RetentionRun(0, 0), await RetentionAsync(site)); // idempotent

        Assert.Equal(["Hiba", "Ivo"], (await site.SignUpsAsync()).Select(s => s.FirstName).Order());
        var slot = await site.WithDbAsync(db => db.SignUpSlots.AsNoTracking().SingleAsync(s => s.Date == new DateOnly(2026, 12, 1)));
        Assert.Equal((2, 3, 1, 0), (slot.TotalSignUps, slot.TotalChildren, slot.TotalAttended, slot.TotalNoShow));
        Assert.NotNull(slot.PersonalDataDeletedUtc);

        // A course: 30 days after its last date (Thursday 11 February 2027), not after its first.
        site.Clock.Now = new DateTimeOffset(2027, 3, 13, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(new RetentionRun(1, 1), await RetentionAsync(site)); // Hiba (8 December) only
        site.Clock.Now = new DateTimeOffset(2027, 3, 13, 23, 0, 0, TimeSpan.Zero);
        Assert.Equal(new RetentionRun(1, 1), await RetentionAsync(site));
        Assert.Empty(await site.SignUpsAsync());

        var retentionLogs = site.Logs.Entries.Where(e => e.Category.Contains("SignUpJobs", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Contains("Sign-up retention: 2 sign-ups deleted in 1 dates", retentionLogs);
        foreach (var name in new[] { "Fien", "Gijs", "Hiba", "Ivo", "fien@", "0612000007" })
            Assert.DoesNotContain(site.Logs.Entries, e => e.Message.Contains(name, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditAction.SignUpRetention)));
    }

    [Fact]
    public async Task AnAdministratorExportsEverythingAboutOneContactAndErasesItBothAudited()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Jet", email: "jet@example.nl", phone: "0612000009"));
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Jet", phone: "06 12 00 00 09"), date: "2026-12-01");
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Kees", email: "kees@example.nl"), date: "2026-12-01");
        var admin = await site.SignedInClientAsync(await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder));

        var found = await (await admin.SubmitAsync("/backoffice/aanmeldingen/persoon?handler=Find", new { ContactText = "+31 6 1200 0009" })).ParseAsync();
        Assert.Contains("2 aanmeldingen gevonden", found.MainText());
        var export = await admin.SubmitAsync(found, "/backoffice/aanmeldingen/persoon", [], "form[action$='handler=Export']");
        Assert.Equal("application/json; charset=utf-8", export.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", export.Headers.CacheControl?.ToString());
        var json = await export.Content.ReadAsStringAsync();
        Assert.Contains("\"firstName\": \"Jet\"", json);
        Assert.Contains("Peutergedrag: een avond voor ouders", json);
        Assert.Contains("Babybootcamp", json);
        Assert.DoesNotContain("Kees", json);

        var erase = await admin.SubmitAsync(found, "/backoffice/aanmeldingen/persoon", [], "form[action$='handler=Erase']");
        Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        Assert.Equal(["Kees"], (await site.SignUpsAsync()).Select(s => s.FirstName));
        var entries = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignUpsViewed || e.Action == AuditAction.ContactDataExported || e.Action == AuditAction.ContactDataErased).ToListAsync());
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.DoesNotContain("0612000009", e.Detail + e.Target));
        Assert.Contains(entries, e => e.Detail == "access request: 2 sign-ups and 0 ideas exported");
        Assert.Contains(entries, e => e.Detail == "erasure request: 2 sign-ups deleted, the e-mail address and first name of 0 ideas erased");

        // Only administrators.
        var editor = await site.SignedInClientAsync(await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/backoffice/aanmeldingen/persoon")).StatusCode);
    }

    [Fact]
    public async Task PagesWithPersonalDataAreNoStoreAndNoSignUpPageLoadsAnythingFromAnotherHost()
    {
        using var site = SignUpKit.Site();
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]);
        var client = site.HttpsClient();
        var signedUp = await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Lot", email: "lot@example.nl"));
        var link = new Uri(Assert.Single(await site.DeliverAllMailAsync(), m => m.To == "lot@example.nl").Link("/mijn-aanmelding/")).AbsolutePath;
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        var staff = await site.SignedInClientAsync(pro);

        var pages = new List<(HttpClient Client, string Url)>
        {
            (client, SignUpKit.Form(SignUpKit.Evening)), (client, signedUp.Headers.Location!.OriginalString), (client, link),
            (staff, $"/backoffice/activiteiten/{id}/aanmeldingen"), (staff, $"/backoffice/activiteiten/{id}/aanwezigheid?datum=2027-01-26"),
            (staff, $"/backoffice/activiteiten/{id}/aanmeldingen/export"), (staff, $"/backoffice/ontmoetingsplekken/{await PlaceIdAsync(site)}/aanmeldingen"),
        };
        foreach (var (c, url) in pages)
        {
            var response = await c.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url} is not no-store");
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
                continue;
            var doc = await response.ParseAsync();
            var external = doc.QuerySelectorAll("script[src], link[href]:not([rel=alternate]), img[src], iframe, form[action], source[srcset], video, audio")
                .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href") ?? e.GetAttribute("action") ?? e.GetAttribute("srcset") ?? "")
                .Where(u => u.StartsWith("//", StringComparison.Ordinal) || u.Contains("://", StringComparison.Ordinal)).ToList();
            Assert.True(external.Count == 0, $"{url} loads from another host: {string.Join(", ", external)}");
        }
    }

    private static Task<RetentionRun> RetentionAsync(SiteFactory site) => site.WithJobsAsync(j => j.DeleteExpiredAsync(CancellationToken.None));

    private static Task<int> PlaceIdAsync(SiteFactory site) =>
        site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "speelzaal-dak").Select(p => p.Id).SingleAsync());

    private static string Sha256(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
