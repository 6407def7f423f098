using Buurtplatform.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>WCAG 2.2 AA as far as axe-core can tell: every public page type, in a real browser with the real stylesheet.</summary>
public sealed class AccessibilityTests(BrowserSite browser) : IClassFixture<BrowserSite>
{

    [Theory]
    [InlineData("/", 200)]
    [InlineData("/den-haag", 200)]
    [InlineData("/den-haag/schilderswijk", 200)]
    [InlineData("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen", 200)]
    [InlineData("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters", 200)]
    [InlineData("/den-haag/moerwijk/activiteiten/peutergedrag-avond", 200)] // sign-up with contact links, where in one glance
    [InlineData("/den-haag/schilderswijk/visie", 200)]
    [InlineData("/api", 200)] // the Delivery API reference
    [InlineData("/den-haag/schilderswijk/visie/reageren?deel=2", 200)] // the idea form
    [InlineData("/den-haag/schilderswijk/visie/reageren/klaar", 200)] // its thank-you page (opened again: without a link)
    [InlineData("/mijn-idee/onbekend", 404)] // an idea's link that does not work
    [InlineData("/den-haag/schilderswijk/poster", 200)] // the week poster, on screen
    [InlineData("/agenda", 200)]
    [InlineData("/agenda?leeftijd=9&dag=blauw", 400)] // filters it cannot read: the notice
    [InlineData("/agenda?postcode=2525&afstand=1&leeftijd=2", 200)] // near me: results first under the summary line
    [InlineData("/agenda?postcode=4301&afstand=2", 200)] // nothing near: the next distance
    [InlineData("/agenda?postcode=0000", 200)] // an unknown postcode: the notice and the open form
    [InlineData("/agenda?pagina=2", 200)]
    [InlineData("/?postcode=2525", 200)] // home: this week within 2 km
    [InlineData("/?postcode=4301", 200)] // home: nothing near
    [InlineData("/zoeken", 200)]
    [InlineData("/zoeken?q=peuter&postcode=4301&afstand=2", 200)] // nothing within the chosen distance
    [InlineData("/zoeken?q=zingen+peuter&postcode=2525", 200)]
    [InlineData("/zoeken?q=xyzzy+plof&gratis=ja", 200)] // nothing found: the suggestions
    [InlineData("/bestaat-niet", 404)]
    [InlineData("/fout", 500)]
    public async Task AxeFindsNoWcagViolationsOn(string url, int status)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(url);
        Assert.Equal(status, response!.Status);

        await Axe.AssertNoViolationsAsync(page, url);
    }

    [Fact]
    public async Task AxeFindsNoWcagViolationsOnAnAgendaWithoutResults()
    {
        const string url = "/agenda?leeftijd=0&soort=peutergedrag&gratis=ja&dag=zondag";
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);

        // The filter must really find nothing, or this would scan the ordinary result list again.
        await Expect(page.Locator(".empty")).ToBeVisibleAsync();
        await Expect(page.Locator("ul.occurrences")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(page, url);
    }

}
