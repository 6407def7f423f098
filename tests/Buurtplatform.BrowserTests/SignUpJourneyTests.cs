using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.SignUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// The sign-up journey in Chromium: a parent signs up for a full activity and lands on the waitlist;
/// another parent cancels through their mailed link; the first moves up and gets the mail; a professional
/// sees the sign-up, marks it "gebeld/gemaild" and downloads the list. axe on the form (empty, with errors,
/// confirmation) and on the inbox.
/// </summary>
/// <remarks>The site's clock is fixed, so the test moves it past the time trap's 3 seconds before each send.</remarks>
public sealed class SignUpJourneyTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private const string Activity = "/den-haag/moerwijk/activiteiten/peutergedrag-avond";

    private string Url(string path) => browser.Url(path);

    [Fact]
    public async Task AParentOnTheWaitlistMovesUpWhenAnotherCancelsAndAProfessionalFollowsUpAndExports()
    {
        await using var first = await browser.NewContextAsync();
        if (browser.BaseUrl.Length == 0)
            return;
        var site = browser.Site;
        var activityId = await site.WithDbAsync(async db =>
        {
            var a = await db.Activities.SingleAsync(x => x.Slug == "peutergedrag-avond" && x.Wijk.Slug == "moerwijk");
            db.SignUpSettings.Add(new SignUpSettings { ActivityId = a.Id, Capacity = 1 });
            await db.SaveChangesAsync();
            return a.Id;
        });

        // Parent 1 takes the only place.
        var anna = await first.NewPageAsync();
        await anna.GotoAsync(Url(Activity));
        await anna.ClickAsync("a.button:has-text('Aanmelden')");
        await FillAsync(anna, "Anna", "anna@example.nl");
        await anna.ClickAsync("form.signup-form button[type=submit]:has-text('Aanmelden')");
        await Expect(anna.Locator("h1")).ToHaveTextAsync("U bent aangemeld");

        // Parent 2: the form (axe), sent empty (axe, focus on the summary), then on the waitlist (axe).
        await using var second = await browser.NewContextAsync();
        var bram = await second.NewPageAsync();
        await bram.GotoAsync(Url(Activity + "/aanmelden"));
        await Expect(bram.Locator(".places")).ToContainTextAsync("vol");
        await Axe.AssertNoViolationsAsync(bram, "the empty form");
        site.Clock.Advance(TimeSpan.FromSeconds(10));
        await bram.ClickAsync("form.signup-form button[type=submit]:has-text('Aanmelden')");
        await Expect(bram.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(bram.Locator(".error-summary")).ToBeFocusedAsync();
        await Axe.AssertNoViolationsAsync(bram, "the form with errors");
        await bram.ClickAsync(".error-summary a[href='#voornaam']");
        await Expect(bram.Locator("#voornaam")).ToBeFocusedAsync();
        await FillAsync(bram, "Bram", "bram@example.nl");
        await bram.ClickAsync("form.signup-form button[type=submit]:has-text('Aanmelden')");
        await Expect(bram.Locator("h1")).ToHaveTextAsync("U staat op de wachtlijst");
        await Expect(bram.Locator(".position")).ToHaveTextAsync("U bent nummer 1 op de wachtlijst.");
        await Axe.AssertNoViolationsAsync(bram, "the confirmation");

        // Anna cancels through the link in her mail; Bram moves up and is mailed.
        var annaMail = Assert.Single(await site.DeliverNewMailAsync(), m => m.To == "anna@example.nl");
        await anna.GotoAsync(Url(new Uri(annaMail.Link("/mijn-aanmelding/")).AbsolutePath));
        await Axe.AssertNoViolationsAsync(anna, "the personal link page");
        await anna.ClickAsync("button:has-text('Meld mij af')");
        await Expect(anna.Locator(".confirm-cancel")).ToContainTextAsync("Uw plek gaat dan naar de eerste ouder op de wachtlijst");
        await Axe.AssertNoViolationsAsync(anna, "the question before cancelling");
        await anna.ClickAsync("button:has-text('Ja, meld mij af')");
        await Expect(anna.Locator(".notice")).ToContainTextAsync("U bent afgemeld");
        var moved = Assert.Single(await site.DeliverNewMailAsync(), m => m.To == "bram@example.nl" && m.Subject.StartsWith("Er is plek", StringComparison.Ordinal));
        Assert.Contains("U bent nu aangemeld", moved.Body);

        // A professional of the place sees Bram on top, marks him called and downloads the list.
        var email = (await site.CreateStaffAsync($"pro-{Guid.NewGuid():N}@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"])).Email;
        await using var office = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var pro = await office.NewPageAsync();
        await pro.GotoAsync(Url("/backoffice/inloggen"));
        await pro.FillAsync("#email", email);
        await pro.FillAsync("#password", Staff.Password);
        await pro.ClickAsync("main button[type=submit]");
        await Expect(pro.Locator("h1")).ToContainTextAsync("Welkom");
        await pro.ClickAsync("a:has-text('Aanmeldingen') >> nth=0");
        var card = pro.Locator("article.signup-card").First;
        await Expect(card.Locator("h3")).ToContainTextAsync("Bram");
        await Axe.AssertNoViolationsAsync(pro, "the meeting place inbox");
        await card.Locator("select[name='Update.State']").SelectOptionAsync("Contacted");
        await card.Locator("textarea").FillAsync("Gebeld, komt met oma.");
        await card.Locator("button:has-text('Opslaan')").ClickAsync();
        await Expect(pro.Locator(".notice")).ToContainTextAsync("bijgewerkt");
        await Expect(pro.Locator("article.signup-card").First.Locator(".status")).ToContainTextAsync("gebeld/gemaild");

        await pro.GotoAsync(Url($"/backoffice/activiteiten/{activityId}/aanmeldingen"));
        await Axe.AssertNoViolationsAsync(pro, "the activity inbox");
        var download = await pro.RunAndWaitForDownloadAsync(() => pro.ClickAsync("a:has-text('Download als CSV')"));
        var file = Path.Combine(site.DataDir, "export.csv");
        await download.SaveAsAsync(file);
        var csv = await File.ReadAllTextAsync(file);
        Assert.Contains("Bram", csv);
        Assert.Contains("gebeld/gemaild", csv);
        Assert.Contains("Gebeld, komt met oma.", csv);
        Assert.Equal(1, await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == Web.Audit.AuditAction.SignUpsExported)));
    }

    [Fact]
    public async Task TheAttendanceListOfAFullDatePrintsOnOneA4()
    {
        await using var context = await browser.NewContextAsync();
        var site = browser.Site;
        var (activityId, place) = await site.WithDbAsync(async db =>
        {
            var a = await db.Activities.Include(x => x.MeetingPlace.Wijk).SingleAsync(x => x.Slug == "babybootcamp" && x.Wijk.Slug == "schilderswijk");
            db.SignUpSettings.Add(new SignUpSettings { ActivityId = a.Id, Capacity = 20 });
            await db.SaveChangesAsync();
            return (a.Id, $"{a.MeetingPlace.Wijk.Slug}/{a.MeetingPlace.Slug}");
        });

        // 20 parents with a place and 5 on the waitlist, with long names and remarks.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var dates = scope.ServiceProvider.GetRequiredService<SignUpDates>();
            var book = scope.ServiceProvider.GetRequiredService<SignUpBook>();
            var activity = await db.Activities.AsNoTracking().Include(a => a.Wijk).SingleAsync(a => a.Id == activityId);
            var settings = await db.SignUpSettings.AsNoTracking().SingleAsync(s => s.ActivityId == activityId);
            var date = dates.Coming(activity, settings).Single(d => d.SlotDate == new DateOnly(2026, 12, 1));
            for (var i = 1; i <= 25; i++)
            {
                await book.AddAsync(activity, settings, date, new NewSignUp($"Ouder met een lange naam {i}", $"06120000{i:00}", null, i % 3 == 0 ? "ar" : "nl",
                    [new ChildAge(i % 12, AgeUnit.Months)], i % 4 == 0, i % 5 == 0 ? "Komt met de kinderwagen en een oudere broer, die wacht buiten." : null, [], false), CancellationToken.None);
            }
        }

        var email = (await site.CreateStaffAsync($"pro-{Guid.NewGuid():N}@example.nl", StaffRole.Professional, places: [place])).Email;
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/backoffice/inloggen"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Staff.Password);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("h1")).ToContainTextAsync("Welkom");
        await page.GotoAsync(Url($"/backoffice/activiteiten/{activityId}/aanwezigheid?datum=2026-12-01"));
        await Expect(page.Locator("table.attendance tbody tr")).ToHaveCountAsync(25);
        await Axe.AssertNoViolationsAsync(page, "the attendance list");

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PreferCSSPageSize = true });
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var pages = System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page[^s]");
        Assert.Equal(1, pages);
    }

    private async Task FillAsync(IPage page, string name, string email, int children = 1)
    {
        await page.FillAsync("#voornaam", name);
        await page.FillAsync("#email", email);
        await page.SelectOptionAsync("#kinderen", children.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < children; i++)
            await page.FillAsync($"#leeftijd-{i}", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.CheckAsync("#bellen-nee");
        await page.CheckAsync("#toestemming");
        browser.Site.Clock.Advance(TimeSpan.FromSeconds(10));
    }
}
