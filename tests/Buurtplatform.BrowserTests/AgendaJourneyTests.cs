using Buurtplatform.BrowserTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// A parent looks for something to do with a 2-year-old on a Tuesday, as a person would: by
/// following links and using the filter form by its labels. Monday 23 November 2026, seed content.
/// </summary>
public sealed class AgendaJourneyTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private const string Activity = "Taalplezier voor peuters";
    private const string ActivityUrl = "/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters";

    [Fact]
    public async Task ParentGoesFromHomeThroughWijkToAgendaFiltersForTwoYearOldOnTuesdayAndOpensTheActivity()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = CollectBrowserErrors(page);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Schilderswijk", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.BaseUrl + "/den-haag/schilderswijk");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Schilderswijk");

        await page.GetByRole(AriaRole.Link, new() { Name = "Alle activiteiten in Schilderswijk in de agenda" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Agenda");
        await Expect(page.GetByLabel("Wijk", new() { Exact = true })).ToHaveValueAsync("den-haag/schilderswijk");
        // With a choice made the results come first and the filter is one line that says so; it opens the form.
        var summary = page.Locator("details.filter-summary > summary");
        await Expect(summary).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*Schilderswijk\s+— wijzigen\s*$"));
        await Expect(page.GetByLabel("Leeftijd van uw kind")).Not.ToBeVisibleAsync();
        await summary.ClickAsync();

        await FilterForTwoYearOldOnTuesdayAsync(page);
        var filtered = await AssertOnlyTuesdaysWithTaalplezierAsync(page);

        // The filtered agenda is a link a parent can send to someone else: a fresh browser shows the same.
        await using (var other = await browser.NewContextAsync())
        {
            var shared = await other.NewPageAsync();
            await shared.GotoAsync(filtered);
            // The results first, under the line that says what was chosen (the form itself is folded).
            await Expect(shared.Locator("details.filter-summary > summary")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*Schilderswijk · 2 jaar · dinsdag\s+— wijzigen\s*$"));
            await Expect(shared.GetByLabel("Leeftijd van uw kind")).ToHaveValueAsync("2");
            await Expect(shared.Locator("input[name=dag][value=dinsdag]")).ToBeCheckedAsync();
            await AssertOnlyTuesdaysWithTaalplezierAsync(shared);
        }

        await Results(page).GetByRole(AriaRole.Link, new() { Name = Activity }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.BaseUrl + ActivityUrl);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Activity);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AgendaFilterWorksWithoutJavaScript()
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/den-haag/schilderswijk");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Agenda" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.BaseUrl + "/agenda");
        await page.GetByLabel("Wijk", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Schilderswijk" });

        await FilterForTwoYearOldOnTuesdayAsync(page);
        await AssertOnlyTuesdaysWithTaalplezierAsync(page);

        await Results(page).GetByRole(AriaRole.Link, new() { Name = Activity }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Activity);
    }

    private static async Task FilterForTwoYearOldOnTuesdayAsync(IPage page)
    {
        await page.GetByLabel("Leeftijd van uw kind").FillAsync("2");
        await page.GetByLabel("Jaar of maanden").SelectOptionAsync("jaar");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "dinsdag" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon activiteiten" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("leeftijd=2"));
    }

    /// <summary>Checks the results and the query string of the filtered agenda; returns its URL.</summary>
    private static async Task<string> AssertOnlyTuesdaysWithTaalplezierAsync(IPage page)
    {
        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal("den-haag/schilderswijk", query["wijk"].ToString());
        Assert.Equal("2", query["leeftijd"].ToString());
        Assert.Equal("jaar", query["eenheid"].ToString());
        Assert.Equal("dinsdag", query["dag"].ToString()); // one day, once

        var days = await Results(page).Locator("h3.day").AllTextContentsAsync();
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.StartsWith("dinsdag ", d.Trim()));
        Assert.Contains("dinsdag 24 november", days.Select(d => d.Trim()));

        var titles = (await Results(page).Locator("ul.occurrences li > a").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Contains(Activity, titles);
        Assert.DoesNotContain("Babybootcamp", titles); // also on Tuesday in Schilderswijk, but for babies up to 12 months
        return page.Url;
    }

    private static ILocator Results(IPage page) => page.Locator("section[aria-labelledby=resultaten]");

    /// <summary>Script errors and console errors, e.g. a resource the Content-Security-Policy blocked.</summary>
    private static List<string> CollectBrowserErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
                errors.Add($"console: {m.Text}");
        };
        page.PageError += (_, e) => errors.Add($"page error: {e}");
        return errors;
    }
}
