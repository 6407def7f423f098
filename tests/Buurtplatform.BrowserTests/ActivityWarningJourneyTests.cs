using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// The "Let op" box in Chromium: a wijk editor gives an activity a time between 02:00 and 03:00, and the node page
/// and the activity form warn about it (a region named by its heading, a link to the field) with no WCAG 2.2 AA
/// violation that axe finds.
/// </summary>
/// <remarks>The backoffice's cookies are __Host- and Secure: the site is reached as http://localhost (a secure context).</remarks>
public sealed class ActivityWarningJourneyTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private string Url(string path) => browser.Url(path);

    [Fact]
    public async Task ATimeBetweenTwoAndThreeAtNightIsWarnedAboutInAnAccessibleBoxThatLeadsToTheField()
    {
        await using var context = await browser.NewContextAsync();
        var editor = await browser.Site.CreateStaffAsync($"redacteur-{Guid.NewGuid():N}@example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        var id = await browser.Site.WithDbAsync(db => db.Activities.Where(a => a.Wijk.Slug == "schilderswijk" && a.Slug == "babybootcamp").Select(a => a.Id).SingleAsync());
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/backoffice/inloggen"));
        await page.FillAsync("#email", editor.Email);
        await page.FillAsync("#password", Staff.Password);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("h1")).ToContainTextAsync("Welkom");

        var edit = EditingPaths.Edit(NodeKind.Activity, id);
        await page.GotoAsync(Url(edit));
        await Expect(page.Locator("#f-schedule-time")).ToBeVisibleAsync();
        await Expect(page.Locator(".warning-summary")).ToHaveCountAsync(0); // 13.30–15.00: nothing to say yet

        await page.FillAsync("#f-schedule-time", "02:30");
        await page.FillAsync("#f-schedule-time-end", "03:15");
        await page.ClickAsync("form#f-form .top-actions button");

        // The node page, where one publishes: the box, found by its name as a screen reader lists regions.
        await Expect(page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        var box = page.GetByRole(AriaRole.Region, new() { Name = "Let op" });
        await Expect(box).ToBeVisibleAsync();
        var link = box.GetByRole(AriaRole.Link);
        await Expect(link).ToHaveCountAsync(1);
        await Expect(link).ToContainTextAsync("02:30 is tussen 2 en 3 uur 's nachts");
        await Expect(link).ToHaveAttributeAsync("href", $"{edit}#f-schedule-time");
        await Axe.AssertNoViolationsAsync(page, "the activity's node page with a warning");

        // Its link opens the form, which warns too; there the link moves focus to the time field.
        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(Url($"{edit}#f-schedule-time"));
        var formBox = page.GetByRole(AriaRole.Region, new() { Name = "Let op" });
        await Expect(formBox).ToBeVisibleAsync();
        await Expect(page.Locator(".error-summary")).ToHaveCountAsync(0); // a warning, not an error
        var formLink = formBox.GetByRole(AriaRole.Link);
        await Expect(formLink).ToHaveAttributeAsync("href", "#f-schedule-time");
        await Expect(page.Locator("#f-schedule-time")).ToHaveValueAsync("02:30");
        await Axe.AssertNoViolationsAsync(page, "the activity form with a warning");
        await page.Locator("#f-title").FocusAsync(); // away from the field the address's #f-schedule-time may have focused
        await formLink.ClickAsync();
        await Expect(page.Locator("#f-schedule-time")).ToBeFocusedAsync();

        // Shown again with an error, the warning box stands next to the error summary: axe on both together.
        await page.FillAsync("#f-title", "");
        await page.EvaluateAsync("document.getElementById('f-title').removeAttribute('required')");
        await page.ClickAsync("form#f-form .top-actions button");
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Let op" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the activity form with an error and a warning");
    }
}
