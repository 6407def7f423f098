using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// axe (WCAG 2.2 AA) on the page where staff translate a node, with an Arabic draft in its right-to-left inputs beside the
/// Dutch text, on a wide and a narrow screen, reached the way a wijk editor does: sign in, the activity, "Vertaling bewerken".
/// </summary>
/// <remarks>The backoffice's cookies are __Host- and Secure: the site is reached as http://localhost (a secure context).</remarks>
public sealed class TranslationEditingAccessibilityTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task AxeFindsNoWcagViolationsOnTheTranslationPageWithAnArabicDraft()
    {
        var editor = await browser.Site.CreateStaffAsync($"redacteur-{Guid.NewGuid():N}@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var id = await browser.Site.WithDbAsync(db => db.Activities.Where(a => a.Wijk.Slug == "moerwijk" && a.Slug == "babybootcamp").Select(a => a.Id).SingleAsync());
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.Url("/backoffice/inloggen"));
        await page.FillAsync("#email", editor.Email);
        await page.FillAsync("#password", Staff.Password);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("h1")).ToContainTextAsync("Welkom");

        await page.GotoAsync(browser.Url(EditingPaths.Node(NodeKind.Activity, id)));
        await page.ClickAsync("#vertalingen-tabel tr[data-culture=ar] a");
        await Expect(page.Locator("h1")).ToContainTextAsync("vertaling in het Arabisch");
        await page.FillAsync("#f-title", "معسكر الرضّع");
        await page.FillAsync("#f-summary", "نتحرّك ونلعب مع طفلكم الرضيع، مع شرح من ممرّضة.");
        await page.FillAsync("#f-body", "في **Babybootcamp** يتحرّك الأهل ويلعبون مع طفلهم الرضيع.");
        await page.ClickAsync("form#f-form button[value=save]");
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("concept");
        await Expect(page.Locator("#f-summary")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("#f-summary")).ToHaveValueAsync("نتحرّك ونلعب مع طفلكم الرضيع، مع شرح من ممرّضة.");
        await Axe.AssertNoViolationsAsync(page, "the translation page with an Arabic draft (1280 px)");

        // On a narrow screen the Dutch text stands above each input.
        await page.SetViewportSizeAsync(320, 640);
        var source = await page.Locator(".translation-row:has(#f-summary) .translation-source").BoundingBoxAsync();
        var input = await page.Locator("#f-summary").BoundingBoxAsync();
        Assert.True(source!.Y + source.Height <= input!.Y, $"the Dutch text ({source.Y}+{source.Height}) should be above the input ({input.Y}) at 320 px");
        await Axe.AssertNoViolationsAsync(page, "the translation page with an Arabic draft (320 px)");
    }
}
