using Buurtplatform.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Buurtplatform.BrowserTests;

/// <summary>WCAG reflow (1.4.10): at 320 CSS pixels wide a page scrolls only vertically.</summary>
public sealed class SmallScreenTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    [Theory]
    [InlineData("/den-haag/schilderswijk")]
    [InlineData("/agenda")]
    [InlineData("/agenda?wijk=den-haag/schilderswijk&leeftijd=2&dag=dinsdag")]
    public async Task PageHasNoHorizontalScrollAt320PixelsWide(string url)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 320, Height = 640 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        if (scrollWidth <= clientWidth)
            return;

        // Name the culprits: the elements that stick out past the right edge.
        var wide = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
                .slice(0, 10)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).trim().replaceAll(' ', '.') : ''} (right edge ${Math.round(e.getBoundingClientRect().right)})`)
            """);
        Assert.Fail($"{url} is {scrollWidth} px wide in a {clientWidth} px viewport; sticking out:\n  " + string.Join("\n  ", wide));
    }
}
