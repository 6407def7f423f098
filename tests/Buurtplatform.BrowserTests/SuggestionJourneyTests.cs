using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Web.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// A parent's idea on the vision in Chromium: from the section's link to the form (axe: empty, with errors),
/// the thank-you page with the personal link (axe), the link's page (axe); a wijk editor publishes and answers
/// it in the queue (axe), and it shows under its section (axe on the vision page with ideas).
/// </summary>
/// <remarks>The site's clock is fixed, so the test moves it past the time trap's 3 seconds before each send.</remarks>
public sealed class SuggestionJourneyTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private string Url(string path) => browser.Url(path);

    [Fact]
    public async Task AParentsIdeaGoesFromTheSectionsLinkThroughTheEditorsQueueOntoTheVisionPage()
    {
        await using var parentContext = await browser.NewContextAsync();
        if (browser.BaseUrl.Length == 0)
            return;
        var site = browser.Site;
        var parent = await parentContext.NewPageAsync();
        await parent.GotoAsync(Url("/den-haag/moerwijk/visie"));
        await parent.ClickAsync("#deel-2 ~ .ideas a");
        await Expect(parent.Locator("h1")).ToHaveTextAsync("Wat vindt u van onze visie?");
        await Expect(parent.Locator("#deel")).ToHaveValueAsync("2");
        await Axe.AssertNoViolationsAsync(parent, "the idea form");

        site.Clock.Advance(TimeSpan.FromSeconds(10));
        await parent.ClickAsync("form.suggestion-form button[type=submit]");
        await Expect(parent.Locator(".error-summary")).ToBeFocusedAsync();
        await Axe.AssertNoViolationsAsync(parent, "the idea form with errors");

        await parent.FillAsync("#tekst", "Een spelochtend in het park, ook voor vaders.");
        await parent.FillAsync("#email", "park@example.nl");
        await parent.ClickAsync("form.suggestion-form button[type=submit]");
        await Expect(parent.Locator("h1")).ToHaveTextAsync("Dank u wel!");
        await Axe.AssertNoViolationsAsync(parent, "the thank-you page");
        await parent.ClickAsync(".personal-link a");
        await Expect(parent.Locator("main")).ToContainTextAsync("nog niet behandeld");
        await Axe.AssertNoViolationsAsync(parent, "the personal link");

        var email = $"redactie-{Guid.NewGuid():N}@example.nl";
        await site.CreateStaffAsync(email, StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        await using var editorContext = await browser.NewContextAsync();
        var editor = await editorContext.NewPageAsync();
        await editor.GotoAsync(Url("/backoffice/inloggen"));
        await editor.FillAsync("#email", email);
        await editor.FillAsync("#password", Staff.Password);
        await editor.ClickAsync("main button[type=submit]");
        await Expect(editor.Locator("h1")).ToContainTextAsync("Welkom");
        await Axe.AssertNoViolationsAsync(editor, "the dashboard with new ideas");
        // The class's tests share one site and both send an idea in Moerwijk: the count and the order depend on which runs first.
        await Expect(editor.Locator("a[href$='/ideeen']:has-text('in Moerwijk')")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(1 nieuw idee|\d+ nieuwe ideeën) in Moerwijk$"));
        await editor.ClickAsync("a[href$='/ideeen']:has-text('in Moerwijk')");
        await Expect(editor.Locator("h1")).ToHaveTextAsync("Ideeën van ouders: Moerwijk");
        // By the card's own text: every card's "merge into" list names the other ideas too, so a plain
        // :has-text would also match the other test's card, and page.ClickAsync takes the first match.
        const string ThisIdea = ".suggestion-cards > li:has(> blockquote.suggestion-text:has-text('Een spelochtend in het park')) details";
        await editor.ClickAsync(ThisIdea + " summary");
        await Axe.AssertNoViolationsAsync(editor, "the editors' queue");
        await editor.ClickAsync(ThisIdea + " button:has-text('Publiceer op de pagina')");
        await Expect(editor.Locator("p.notice")).ToContainTextAsync("staat op de pagina");
        await editor.ClickAsync(ThisIdea + " summary");
        await editor.FillAsync(ThisIdea + " textarea[name=answer]", "Dank u! We zoeken een plek in het park.");
        await editor.ClickAsync(ThisIdea + " button:has-text('Bewaar en stuur het antwoord')");
        await Expect(editor.Locator("p.notice")).ToContainTextAsync("antwoord is bewaard");

        await parent.GotoAsync(Url("/den-haag/moerwijk/visie"));
        await Expect(parent.Locator("#deel-2 ~ .ideas .idea:has-text('Een spelochtend in het park') .idea-answer")).ToContainTextAsync("We zoeken een plek in het park.");
        await Axe.AssertNoViolationsAsync(parent, "the vision page with an idea");
    }

    /// <summary>
    /// On a 360 px phone the vision page with ideas, the form, the thank-you page and the editors' queue scroll only
    /// vertically, the editors' answer is set apart from the idea (its own edge and background), and what one taps
    /// (the form link, buttons, choices, the personal link, the summary that opens an idea's actions) is at least 44 px high; axe stays clean.
    /// Set BUURTPLATFORM_SCREENSHOTS to a folder to keep a full-page screenshot of each.
    /// </summary>
    [Fact]
    public async Task OnA360PixelPhoneTheIdeasTheFormTheThankYouPageAndTheQueueFitReadApartAndHaveBigTapTargets()
    {
        var phone = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } };
        await using var parentContext = await browser.NewContextAsync(phone);
        if (browser.BaseUrl.Length == 0)
            return;
        var page = await parentContext.NewPageAsync();
        await page.GotoAsync(Url("/den-haag/schilderswijk/visie"));
        await AssertReadsWellAsync(page, "vision", ".idea-link a");
        var looks = await page.Locator(".idea-answer").First.EvaluateAsync<string[]>(
            "e => { const a = getComputedStyle(e), i = getComputedStyle(e.closest('.idea')); return [a.borderInlineStartWidth, a.backgroundColor, i.backgroundColor]; }");
        Assert.True(double.Parse(looks[0].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 3, $"the answer's edge is {looks[0]}");
        Assert.NotEqual(looks[2], looks[1]);

        await page.GotoAsync(Url("/den-haag/moerwijk/visie/reageren?deel=2"));
        await AssertReadsWellAsync(page, "form", "form.suggestion-form button[type=submit]", ".suggestion-form label.check");
        browser.Site.Clock.Advance(TimeSpan.FromSeconds(10));
        await page.FillAsync("#tekst", "Een boekenkast in de wachtkamer van het consultatiebureau, met boeken in veel talen.");
        await page.FillAsync("#email", "kast@example.nl");
        await page.ClickAsync("form.suggestion-form button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dank u wel!");
        await AssertReadsWellAsync(page, "thank-you", ".personal-link a");

        var email = $"redactie-{Guid.NewGuid():N}@example.nl";
        await browser.Site.CreateStaffAsync(email, StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        await using var editorContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        var editor = await editorContext.NewPageAsync();
        await editor.GotoAsync(Url("/backoffice/inloggen"));
        await editor.FillAsync("#email", email);
        await editor.FillAsync("#password", Staff.Password);
        await editor.ClickAsync("main button[type=submit]");
        await Expect(editor.Locator("h1")).ToContainTextAsync("Welkom");
        await editor.ClickAsync("a[href$='/ideeen']:has-text('in Moerwijk')");
        const string ThisIdea = ".suggestion-cards > li:has(> blockquote.suggestion-text:has-text('Een boekenkast in de wachtkamer')) details"; // the other test's idea may be there too
        await editor.ClickAsync(ThisIdea + " summary");
        await AssertReadsWellAsync(editor, "queue", ".suggestion-cards summary", ".suggestion-cards details button");

        // A refused decline: the summary takes focus, the reason field says why, and the page still fits and is axe-clean.
        await editor.ClickAsync(ThisIdea + " button.danger");
        await Expect(editor.Locator(".error-summary")).ToBeFocusedAsync();
        await Expect(editor.Locator(".suggestion-cards .field-error")).ToContainTextAsync("Schrijf de reden");
        await AssertReadsWellAsync(editor, "queue-refused", ".suggestion-cards details[open] button");
    }

    private static async Task AssertReadsWellAsync(IPage page, string name, params string[] tapTargets)
    {
        if (Environment.GetEnvironmentVariable("BUURTPLATFORM_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"ideas-360-{name}.png"), FullPage = true });
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{name}: {widths[0]} px wide in a {widths[1]} px viewport");
        foreach (var selector in tapTargets)
        {
            var heights = await page.Locator(selector).EvaluateAllAsync<double[]>("all => all.filter(e => e.getClientRects().length > 0).map(e => e.getBoundingClientRect().height)");
            Assert.True(heights.Length > 0, $"{name}: nothing visible matches {selector}");
            Assert.True(heights.All(h => h >= 44), $"{name}: {selector} is {string.Join(", ", heights.Select(h => Math.Round(h)))} px high (at least 44)");
        }

        await Axe.AssertNoViolationsAsync(page, $"{name} at 360 px");
    }
}
