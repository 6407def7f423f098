using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// The editing journeys in Chromium, the way people do them: an administrator invites a professional, who
/// sets a password, switches on 2FA, creates a weekly activity, previews and publishes it, and parents find
/// it on the wijk page and in the wijk's feed; a wijk editor edits the vision, compares two versions and
/// rolls back. axe (WCAG 2.2 AA) on every editing page on the way (and on the set-password, 2FA enrolment and
/// recovery-codes pages the invitation leads through), and on the others in a separate test.
/// </summary>
/// <remarks>The backoffice's cookies are __Host- and Secure: the site is reached as http://localhost (a secure context).</remarks>
public sealed class EditingJourneyTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private string Url(string path) => browser.Url(path);

    [Fact]
    public async Task AnInvitedProfessionalEnrolsTwoFactorAndPublishesAWeeklyActivityThatParentsFind()
    {
        await using var adminContext = await browser.NewContextAsync();
        var administrator = await browser.Site.CreateStaffAsync($"beheer-{Guid.NewGuid():N}@example.nl", StaffRole.Beheerder);
        var admin = await adminContext.NewPageAsync();
        await SignInAsync(admin, administrator.Email, administrator.AuthenticatorKey);

        // The administrator invites a professional for the clubhuis in the Schilderswijk.
        var placeId = await browser.Site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "clubhuis" && p.Wijk.Slug == "schilderswijk").Select(p => p.Id).SingleAsync());
        var email = $"pro-{Guid.NewGuid():N}@example.nl";
        await admin.GotoAsync(Url("/backoffice/gebruikers/uitnodigen"));
        await admin.FillAsync("#email", email);
        await admin.FillAsync("#name", "Fatima de Vries");
        await admin.CheckAsync("input[name='Scope.Role'][value=Professional]");
        await admin.CheckAsync($"input[name='Scope.MeetingPlaceIds'][value='{placeId}']");
        await admin.ClickAsync("main form button[type=submit]");
        await Expect(admin.Locator(".notice")).ToBeVisibleAsync();

        // The professional follows the mailed link, chooses a password and signs in.
        var invitation = Assert.Single(await browser.Site.DeliverNewMailAsync(), m => m.To == email);
        await using var proContext = await browser.NewContextAsync();
        var pro = await proContext.NewPageAsync();
        await pro.GotoAsync(Url(new Uri(invitation.Link("/backoffice/wachtwoord-instellen")).PathAndQuery));
        await Expect(pro.Locator("#new-password")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(pro, "the set-password page of the invitation link");
        await pro.FillAsync("#new-password", Staff.Password);
        await pro.FillAsync("#confirm-password", Staff.Password);
        await pro.ClickAsync("main form button[type=submit]");
        await SignInAsync(pro, email, null);

        // 2FA: the key as shown, the code the authenticator app would compute.
        await pro.GotoAsync(Url("/backoffice/account/tweestapsverificatie"));
        await Axe.AssertNoViolationsAsync(pro, "the 2FA enrolment page");
        var key = (await pro.Locator("#shared-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await pro.FillAsync("#code", Totp.Now(key));
        await pro.FillAsync("#password", Staff.Password);
        await pro.ClickAsync("main form button[type=submit]");
        await Expect(pro).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("herstelcodes"));
        await Expect(pro.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Axe.AssertNoViolationsAsync(pro, "the recovery-codes page");
        Assert.True(await browser.Site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));

        // A new weekly activity at their meeting place.
        await pro.GotoAsync(Url("/backoffice"));
        await pro.ClickAsync("a:has-text('Nieuwe activiteit hier') >> nth=0");
        await Expect(pro.Locator("h1")).ToHaveTextAsync("Nieuwe activiteit");
        await Axe.AssertNoViolationsAsync(pro, "the new activity form");

        // Sent half-filled first: the summary links to the fields (axe on that state too).
        await pro.FillAsync("#f-title", "Peuterdansen");
        await pro.ClickAsync("form#f-form .top-actions button");
        await Expect(pro.Locator(".error-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(pro, "the activity form with errors");
        await pro.ClickAsync(".error-summary a[href='#f-summary']");
        await Expect(pro.Locator("#f-summary")).ToBeFocusedAsync();
        Assert.Equal("Peuterdansen", await pro.InputValueAsync("#f-title"));

        await pro.SelectOptionAsync("#f-type", "bewegen");
        await pro.FillAsync("#f-summary", "Dansen en bewegen op muziek met uw peuter.");
        await pro.FillAsync("#f-body", "We dansen op **kinderliedjes**. Neem makkelijke kleren mee.");
        await pro.FillAsync("#f-ageFromMonths", "18");
        await pro.FillAsync("#f-ageToMonths", "48");
        await pro.SelectOptionAsync("#f-organiser", "clubhuis");
        await pro.FillAsync("#f-schedule-start", "2026-11-24");
        await pro.FillAsync("#f-schedule-time", "10:00");
        await pro.FillAsync("#f-schedule-time-end", "11:00");
        await pro.CheckAsync("input[name='Input.Repeat'][value=weekly]");
        await pro.CheckAsync("input[name='Input.Days'][value=tuesday]");
        await pro.ClickAsync("button:has-text('Opslaan en voorbeeld bekijken')");

        // The preview: the public page, marked "voorbeeld".
        await Expect(pro.Locator(".preview-banner")).ToContainTextAsync("Voorbeeld");
        await Expect(pro.Locator("main h1")).ToHaveTextAsync("Peuterdansen");
        await Expect(pro.Locator("main")).ToContainTextAsync("dinsdag 24 november");
        await Axe.AssertNoViolationsAsync(pro, "the preview");
        await pro.ClickAsync(".preview-banner a");
        await Expect(pro.Locator("h1")).ToHaveTextAsync("Peuterdansen");
        await Axe.AssertNoViolationsAsync(pro, "the activity's versions page");
        await pro.ClickAsync("button:has-text('Publiceren')");
        await Expect(pro.Locator(".notice[role=status]")).ToContainTextAsync("Gepubliceerd");

        // Parents find it on the wijk page and in the wijk's feed.
        await using var parentContext = await browser.NewContextAsync();
        var parent = await parentContext.NewPageAsync();
        await parent.GotoAsync(Url("/den-haag/schilderswijk"));
        await Expect(parent.Locator("main")).ToContainTextAsync("Peuterdansen");
        await parent.ClickAsync("main a:has-text('Peuterdansen') >> nth=0");
        await Expect(parent.Locator("h1")).ToHaveTextAsync("Peuterdansen");
        var feed = await parent.APIRequest.GetAsync(Url("/den-haag/schilderswijk.ics"));
        Assert.Contains("SUMMARY:Peuterdansen", await feed.TextAsync());
    }

    [Fact]
    public async Task AWijkEditorEditsTheVisionComparesTwoVersionsAndRollsBack()
    {
        await using var context = await browser.NewContextAsync();
        var editor = await browser.Site.CreateStaffAsync($"redacteur-{Guid.NewGuid():N}@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var page = await context.NewPageAsync();
        await SignInAsync(page, editor.Email, null);

        await page.ClickAsync("main a:has-text('Moerwijk')");
        await page.ClickAsync("main a[href^='/backoffice/visies/'][href$='/bewerken']"); // the vision's edit link
        await Expect(page.Locator("h1")).ToContainTextAsync("Visie van Moerwijk bewerken");
        await Axe.AssertNoViolationsAsync(page, "the vision form");
        var originalTitle = await page.InputValueAsync("#f-title");

        // Version 2: a new title and a section moved up.
        await page.FillAsync("#f-title", "Samen opgroeien in Moerwijk");
        await page.ClickAsync("button[value='up:1']");
        await Expect(page.Locator("#f-title")).ToHaveValueAsync("Samen opgroeien in Moerwijk");
        await page.FillAsync("#f-comment", "Kortere titel, volgorde aangepast");
        await page.ClickAsync("form#f-form .top-actions button");
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("nieuwe versie");
        await page.ClickAsync("button:has-text('Publiceren')");
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("Gepubliceerd");

        // Version 3: another change, then compare 1 with 3.
        await page.ClickAsync("main a.button:has-text('Bewerken')");
        await page.FillAsync("#f-summary", "Een nieuwe samenvatting.");
        await page.ClickAsync("form#f-form .top-actions button");
        await page.SelectOptionAsync("#vergelijk-a", "1");
        await page.SelectOptionAsync("#vergelijk-b", "3");
        await page.ClickAsync("button:has-text('Vergelijk')");
        await Expect(page.Locator("#verschillen")).ToContainTextAsync("Samen opgroeien in Moerwijk");
        await Expect(page.Locator("#verschillen")).ToContainTextAsync(originalTitle);
        await Expect(page.Locator("#verschillen tbody tr").First).ToContainTextAsync("Titel");
        await Axe.AssertNoViolationsAsync(page, "the comparison");

        // Roll back to version 1 (a new draft), and publish it.
        await page.ClickAsync("button:has-text('Terugzetten naar versie 1')");
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("teruggezet");
        await Expect(page.Locator("#versies-tabel tbody tr").First).ToContainTextAsync("Teruggezet van versie 1");
        await page.ClickAsync("button:has-text('Publiceren')");
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("Gepubliceerd");

        await using var parentContext = await browser.NewContextAsync();
        var parent = await parentContext.NewPageAsync();
        await parent.GotoAsync(Url("/den-haag/moerwijk/visie"));
        await Expect(parent.Locator("h1")).ToHaveTextAsync(originalTitle);
    }

    [Fact]
    public async Task AxeFindsNoViolationsOnTheOtherEditingPages()
    {
        await using var context = await browser.NewContextAsync();
        var administrator = await browser.Site.CreateStaffAsync($"beheer-{Guid.NewGuid():N}@example.nl", StaffRole.Beheerder);
        var page = await context.NewPageAsync();
        await SignInAsync(page, administrator.Email, administrator.AuthenticatorKey);
        var ids = await browser.Site.WithDbAsync(async db => (
            Wijk: await db.Wijken.Where(w => w.Slug == "laakkwartier-spoorwijk").Select(w => w.Id).SingleAsync(),
            Place: await db.MeetingPlaces.Where(p => p.Wijk.Slug == "laakkwartier-spoorwijk").OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
            Partner: await db.Partners.Where(p => p.Wijk.Slug == "laakkwartier-spoorwijk").OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
            Activity: await db.Activities.Where(a => a.Wijk.Slug == "laakkwartier-spoorwijk").OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
            Gemeente: await db.Gemeenten.Where(g => g.Slug == "den-haag").Select(g => g.Id).SingleAsync()));

        foreach (var path in new[]
        {
            EditingPaths.Edit(NodeKind.MeetingPlace, ids.Place), EditingPaths.Edit(NodeKind.Partner, ids.Partner), EditingPaths.Edit(NodeKind.Wijk, ids.Wijk),
            EditingPaths.Edit(NodeKind.Gemeente, ids.Gemeente), EditingPaths.NewGemeente, EditingPaths.NewWijk(ids.Gemeente), EditingPaths.NewPartner(ids.Wijk),
            EditingPaths.NewMeetingPlace(ids.Wijk), EditingPaths.Node(NodeKind.Wijk, ids.Wijk), EditingPaths.Delete(NodeKind.MeetingPlace, ids.Place),
            EditingPaths.Delete(NodeKind.Activity, ids.Activity), EditingPaths.ApprovalQueue(ids.Wijk), EditingPaths.Gemeenten, EditingPaths.Export,
            $"/backoffice/wijken/{ids.Wijk}", $"/backoffice/ontmoetingsplekken/{ids.Place}", EditingPaths.Preview(NodeKind.Partner, ids.Partner),
        })
        {
            var response = await page.GotoAsync(Url(path));
            Assert.True(response!.Status == 200, $"{path}: {response.Status}");
            await Axe.AssertNoViolationsAsync(page, path);
        }

        // The activity form with its row buttons and the Markdown preview open, and the page of a draft with a shared link and a plan error.
        await page.GotoAsync(Url(EditingPaths.Edit(NodeKind.Activity, ids.Activity)));
        await page.ClickAsync("button[value='add-cancelled']");
        await page.ClickAsync("button[value='add-moved']");
        await page.ClickAsync("button[value='add-date']");
        await page.ClickAsync("button[value='preview']");
        await Expect(page.Locator(".markdown-preview")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the activity form with rows and the Markdown preview");
        await page.FillAsync("#f-summary", "Een nieuwe zin.");
        await page.ClickAsync("form#f-form .top-actions button");
        await page.ClickAsync("button:has-text('Maak een voorbeeldlink')");
        await Expect(page.Locator("#gedeelde-link")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the node page with a shared link");
        var link = await page.InputValueAsync("#gedeelde-link");
        await page.FillAsync("#plan-publish-date", "2020-01-01");
        await page.FillAsync("#plan-publish-time", "09:00");
        await page.ClickAsync("button:has-text('Plannen')");
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the node page with a plan error");

        // The shared preview, for someone without an account, and the page once it no longer works.
        await using var anonymous = await browser.NewContextAsync();
        var visitor = await anonymous.NewPageAsync();
        await visitor.GotoAsync(link.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        await Expect(visitor.Locator(".preview-banner")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(visitor, "the shared preview");
        await page.ClickAsync("button:has-text('Voorbeeldlinks intrekken')");
        var gone = await visitor.GotoAsync(link.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        Assert.Equal(410, gone!.Status);
        await Axe.AssertNoViolationsAsync(visitor, "the shared preview that was revoked");
    }

    private async Task SignInAsync(IPage page, string email, string? key)
    {
        await page.GotoAsync(Url("/backoffice/inloggen"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Staff.Password);
        await page.ClickAsync("main button[type=submit]");
        if (key is not null)
        {
            await Expect(page.Locator("#code")).ToBeVisibleAsync();
            await page.FillAsync("#code", Totp.Now(key));
            await page.ClickAsync("main button[type=submit]");
        }

        await Expect(page.Locator("h1")).ToContainTextAsync("Welkom");
    }
}
