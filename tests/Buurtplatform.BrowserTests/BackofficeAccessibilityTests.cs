using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.PartnerCalendars;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.PartnerCalendars;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// axe (WCAG 2.2 AA) on the backoffice's sign-in page, the administrator's user-management and audit
/// pages, the e-mail change confirmation and the partner-calendar pages in their states, reached the way a person does: sign in with password and authenticator code in Chromium.
/// </summary>
/// <remarks>
/// The backoffice's cookies are <c>__Host-</c> and Secure. Chromium accepts those from
/// <c>http://localhost</c> (a secure context), so these tests use that name for the site's loopback address.
/// </remarks>
public sealed class BackofficeAccessibilityTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private string Url(string path) => browser.Url(path);

    [Fact]
    public async Task AxeFindsNoWcagViolationsOnTheSignInPages()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync(Url("/backoffice/inloggen")))!.Status);
        await Axe.AssertNoViolationsAsync(page, "/backoffice/inloggen");

        // The failure answer too.
        await page.FillAsync("#email", "niemand@example.nl");
        await page.FillAsync("#password", "niet het goede wachtwoord");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "/backoffice/inloggen (failed)");

        Assert.Equal(200, (await page.GotoAsync(Url("/backoffice/wachtwoord-vergeten")))!.Status);
        await Axe.AssertNoViolationsAsync(page, "/backoffice/wachtwoord-vergeten");
    }

    [Fact]
    public async Task AxeFindsNoWcagViolationsOnUserManagementAndTheAuditLog()
    {
        var admin = await browser.Site.CreateStaffAsync($"beheer-{Guid.NewGuid():N}@example.nl", StaffRole.Beheerder);
        var otherId = await CreateInvitedEditorAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/backoffice/inloggen"));
        await page.FillAsync("#email", admin.Email);
        await page.FillAsync("#password", Staff.Password);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("#code")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "/backoffice/inloggen/code");
        await page.FillAsync("#code", Totp.Now(admin.AuthenticatorKey!));
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("h1")).ToContainTextAsync("Welkom");

        foreach (var path in new[]
        {
            "/backoffice", "/backoffice/gebruikers", "/backoffice/gebruikers/uitnodigen", $"/backoffice/gebruikers/{otherId}",
            "/backoffice/audit", "/backoffice/account", "/backoffice/account/wachtwoord", "/backoffice/account/email",
            "/backoffice/schoolvakanties",
        })
        {
            var response = await page.GotoAsync(Url(path));
            Assert.True(response!.Status == 200, $"{path}: {response.Status}");
            await Axe.AssertNoViolationsAsync(page, path);
        }

        // The school holidays' preview, after an upload of the government's file.
        await page.GotoAsync(Url("/backoffice/schoolvakanties"));
        await page.SetInputFilesAsync("main input[type=file]", Path.Combine(TestEnvironment.RepoRoot, "tests", "Buurtplatform.Tests", "Calendar", "SchoolHolidays", "schoolvakanties-2026-2027.json"));
        await page.ClickAsync("main form:has(input[type=file]) button[type=submit]");
        await Expect(page.Locator("main button[type=submit]", new() { HasTextString = "Toepassen" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "/backoffice/schoolvakanties (preview)");

        // A form sent back with errors.
        await page.GotoAsync(Url("/backoffice/gebruikers/uitnodigen"));
        await page.FillAsync("#email", "geen-adres");
        await page.FillAsync("#name", "Iemand");
        await page.EvaluateAsync("document.querySelectorAll('form [required]').forEach(e => e.removeAttribute('required')); document.getElementById('email').type = 'text'");
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "/backoffice/gebruikers/uitnodigen (errors)");

        // A change of e-mail address: the confirmation page the mailed link opens.
        await page.GotoAsync(Url("/backoffice/account/email"));
        await page.FillAsync("#new-email", $"nieuw-{Guid.NewGuid():N}@example.nl");
        await page.FillAsync("#password", Staff.Password);
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page.Locator(".notice")).ToBeVisibleAsync();
        var confirmation = Assert.Single(await browser.Site.DeliverNewMailAsync(), m => m.Body.Contains("/backoffice/email-bevestigen", StringComparison.Ordinal));
        await page.GotoAsync(Url(new Uri(confirmation.Link("/backoffice/email-bevestigen")).PathAndQuery));
        await Expect(page.Locator("main form button[type=submit]")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "/backoffice/email-bevestigen");
    }

    [Fact]
    public async Task AxeFindsNoWcagViolationsOnThePartnerCalendarPagesInEveryState()
    {
        var made = await PartnerCalendarStates.MakeAsync(browser.Site, "moerwijk");
        var emptyWijk = await browser.Site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());
        var admin = await browser.Site.CreateStaffAsync($"beheer-{Guid.NewGuid():N}@example.nl", StaffRole.Beheerder);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/backoffice/inloggen"));
        await page.FillAsync("#email", admin.Email);
        await page.FillAsync("#password", Staff.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.FillAsync("#code", Totp.Now(admin.AuthenticatorKey!));
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("h1")).ToContainTextAsync("Welkom");

        // Empty, then with calendars (a last result, a refused file's message, one switched off) and every moderation group.
        foreach (var (path, what) in new[]
        {
            (PartnerCalendarPaths.List(emptyWijk), "calendars, empty"), (PartnerCalendarPaths.Events(emptyWijk), "moderation, empty"),
            (PartnerCalendarPaths.List(made.WijkId), "calendars"), (PartnerCalendarPaths.Events(made.WijkId), "moderation: new (with a returned one), changed, gone, published, ignored"),
        })
        {
            var response = await page.GotoAsync(Url(path));
            Assert.True(response!.Status == 200, $"{path}: {response.Status}");
            await Axe.AssertNoViolationsAsync(page, what);
        }

        await Expect(page.Locator("ul[aria-labelledby='kop-changed'] .changes li").First).ToBeVisibleAsync();

        // An upload without a file, and the add form sent back with errors.
        await page.GotoAsync(Url(PartnerCalendarPaths.List(made.WijkId)));
        await page.ClickAsync($"#agenda-{made.WithEvents} form[action*='handler=Upload'] button[type=submit]");
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "calendars, upload without a file");
        await page.EvaluateAsync("document.querySelectorAll('form [required]').forEach(e => e.removeAttribute('required')); document.getElementById('f-url').type = 'text'");
        await page.FillAsync("#f-url", "ftp://agenda.example.nl");
        await page.ClickAsync("form[action*='handler=Add'] button[type=submit]");
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "calendars, add form with errors");

        // The removal step, reached by its link.
        await page.ClickAsync($"#agenda-{made.WithEvents} a[href*='handler=Remove']");
        await Expect(page.Locator("form[action*='handler=Remove'] button.danger")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "calendars, removal step");
    }

    /// <summary>A wijk editor to open in user management, invited but without a password yet.</summary>
    private async Task<string> CreateInvitedEditorAsync()
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var other = new StaffUser { UserName = $"redacteur-{Guid.NewGuid():N}@example.nl", Email = $"r-{Guid.NewGuid():N}@example.nl", DisplayName = "Redacteur Test", Role = StaffRole.Wijkredacteur };
        Assert.True((await users.CreateAsync(other)).Succeeded);
        return other.Id;
    }
}
