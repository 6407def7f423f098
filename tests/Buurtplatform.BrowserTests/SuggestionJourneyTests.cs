using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Web.Accounts;
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
        await editor.ClickAsync("a:has-text('nieuw idee in Moerwijk')");
        await Expect(editor.Locator("h1")).ToHaveTextAsync("Ideeën van ouders: Moerwijk");
        await editor.ClickAsync(".suggestion-cards details summary");
        await Axe.AssertNoViolationsAsync(editor, "the editors' queue");
        await editor.ClickAsync("button:has-text('Publiceer op de pagina')");
        await Expect(editor.Locator("p.notice")).ToContainTextAsync("staat op de pagina");
        await editor.ClickAsync(".suggestion-cards details summary");
        await editor.FillAsync("textarea[name=answer]", "Dank u! We zoeken een plek in het park.");
        await editor.ClickAsync("button:has-text('Bewaar en stuur het antwoord')");
        await Expect(editor.Locator("p.notice")).ToContainTextAsync("antwoord is bewaard");

        await parent.GotoAsync(Url("/den-haag/moerwijk/visie"));
        await Expect(parent.Locator("#deel-2 ~ .ideas .idea")).ToContainTextAsync("Een spelochtend in het park");
        await Expect(parent.Locator("#deel-2 ~ .ideas .idea-answer")).ToContainTextAsync("We zoeken een plek in het park.");
        await Axe.AssertNoViolationsAsync(parent, "the vision page with an idea");
    }
}
