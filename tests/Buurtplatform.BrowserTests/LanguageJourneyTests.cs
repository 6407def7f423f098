using System.Text.RegularExpressions;
using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// A parent who reads Arabic, on a 320 px phone: the agenda with a filter → an activity → the sign-up form → the
/// confirmation and its mail, all in Arabic and mirrored (the breadcrumb runs right to left); axe on every page. And
/// axe on every public page type in Arabic and English at 320 and 1280 px.
/// </summary>
public sealed class LanguageJourneyTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private const string Bootcamp = "/ar/den-haag/schilderswijk/activiteiten/babybootcamp";

    [Fact(Timeout = 180_000)]
    public async Task AParentSignsUpInArabicOnAMirroredPage()
    {
        await using var phone = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 320, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var site = browser.Site;
        var page = await phone.NewPageAsync();

        // The agenda, filtered on the Schilderswijk and babies: Arabic, right to left, the filter kept in every link.
        await page.GotoAsync("/ar/agenda?wijk=den-haag/schilderswijk&leeftijd=6&eenheid=maanden");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("nav.languages a[aria-current=true]")).ToHaveTextAsync("العربية");
        await Expect(page.Locator("h3.day").First).ToContainTextAsync(new Regex("(الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)"));
        await AssertFitsAsync(page, "the Arabic agenda with a filter");

        // → the babybootcamp.
        await page.Locator($"ul.occurrences a[href='{Bootcamp}']").First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(Bootcamp, StringComparison.Ordinal));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");

        // Mirrored: the breadcrumb starts at the right edge and each next step is to the left of the one before.
        var crumbs = page.Locator("nav.breadcrumbs li");
        var count = await crumbs.CountAsync();
        Assert.True(count >= 3, $"{count} breadcrumb steps");
        var boxes = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < count; i++)
            boxes.Add((await crumbs.Nth(i).BoundingBoxAsync())!);
        var firstLine = boxes.Where(b => Math.Abs(b.Y - boxes[0].Y) < 2).ToList();
        Assert.True(firstLine.Count >= 2, "the first two breadcrumb steps share a line");
        for (var i = 1; i < firstLine.Count; i++)
            Assert.True(firstLine[i].X + firstLine[i].Width <= firstLine[i - 1].X + 1, $"breadcrumb step {i + 1} is not left of step {i}");
        var viewport = page.ViewportSize!.Width;
        Assert.True(boxes[0].X + boxes[0].Width > viewport / 2, "the breadcrumb starts on the right");
        await AssertFitsAsync(page, "the Arabic activity page");

        // → the sign-up form: Arabic, and the mails' language is the page's.
        await page.Locator($"section[aria-labelledby=aanmelden] a.button[href^='{Bootcamp}/aanmelden']").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await Expect(page.Locator("#taal")).ToHaveValueAsync("ar");
        await page.Locator("input[name='Input.Date'][value='2026-11-24']").CheckAsync();
        await page.FillAsync("#voornaam", "Samira");
        await page.FillAsync("#email", "samira.ar@example.nl");
        await page.SelectOptionAsync("#kinderen", "1");
        await page.FillAsync("#leeftijd-0", "6");
        await page.SelectOptionAsync("#eenheid-0", "maanden");
        await page.CheckAsync("#bellen-nee");
        await page.CheckAsync("#toestemming");
        await AssertFitsAsync(page, "the Arabic sign-up form");
        site.Clock.Advance(TimeSpan.FromSeconds(10));
        await page.ClickAsync("form.signup-form button[type=submit]:not([formaction])");

        // The confirmation, in Arabic with the date written the Arabic way, still in Amsterdam time.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith(Bootcamp + "/aanmelden", StringComparison.Ordinal) && url.Contains("klaar", StringComparison.Ordinal));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        var confirmation = page.Locator(".confirmation");
        await Expect(confirmation).ToContainTextAsync("24 نوفمبر");
        await Expect(confirmation).ToContainTextAsync("13:30");
        await Expect(page.Locator("a.personal-link")).ToHaveAttributeAsync("href", new Regex("^/ar/mijn-aanmelding/"));
        await AssertFitsAsync(page, "the Arabic confirmation");

        // The mail is in Arabic too, and its links open the Arabic pages.
        var mail = Assert.Single(await site.DeliverNewMailAsync(), m => m.To == "samira.ar@example.nl");
        Assert.Matches("[\u0600-\u06FF]", mail.Subject);
        Assert.Contains("/ar/mijn-aanmelding/", mail.Body, StringComparison.Ordinal);
        Assert.Contains("نوفمبر", mail.Body, StringComparison.Ordinal);

        // The personal link opens in Arabic.
        await page.GotoAsync(new Uri(mail.Link("/ar/mijn-aanmelding/")).AbsolutePath);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await AssertFitsAsync(page, "the Arabic personal link page");
    }

    public static TheoryData<string, int> LanguagesAndWidths => new() { { "ar", 320 }, { "ar", 1280 }, { "en", 320 }, { "en", 1280 } };

    private static readonly string[] PageTypes =
    [
        "/", "/den-haag", "/den-haag/schilderswijk", "/den-haag/schilderswijk/ontmoetingsplekken/clubhuis",
        "/den-haag/schilderswijk/activiteiten/babybootcamp", "/den-haag/moerwijk/activiteiten/peutergedrag-avond",
        "/den-haag/schilderswijk/visie", "/den-haag/schilderswijk/visie/reageren?deel=2", "/agenda?leeftijd=2&eenheid=jaar",
        "/agenda?postcode=2525&afstand=1&leeftijd=2", "/zoeken?q=peuter", "/den-haag/moerwijk/activiteiten/peutergedrag-avond/aanmelden",
        "/privacy", "/embed/den-haag/schilderswijk", "/bestaat-niet",
    ];

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task AxeFindsNoWcagViolationsOnEveryPublicPageType(string language, int width)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
        var page = await context.NewPageAsync();
        foreach (var path in PageTypes)
        {
            var url = "/" + language + path;
            await page.GotoAsync(url);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Axe.AssertNoViolationsAsync(page, $"{url} at {width} px");
        }
    }

    /// <summary>No sideways scrolling, and axe-clean.</summary>
    private static async Task AssertFitsAsync(IPage page, string name)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{name}: {widths[0]} px wide in a {widths[1]} px viewport");
        await Axe.AssertNoViolationsAsync(page, name);
    }
}
