using System.Text.RegularExpressions;
using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// Issue 13's whole journey on a 360 px phone, Monday 23 November 2026 on the seed content: a parent gives postcode
/// 2525 on the home page, sees this week within 2 km, opens the babybootcamp (address, map link, whom to call), takes
/// Tuesday's date into the calendar, signs up and gets a confirmation with the address and the calendar link. A wijk
/// editor then cancels that Tuesday and publishes; the parent's mail and personal link page say so, and the inbox
/// marks the date. axe on every page on the way (the Nu checker on the same pages: JourneyPeopleTests and HtmlValidityTests).
/// </summary>
/// <remarks>The site's clock is fixed, so the test moves it past the sign-up form's 3-second time trap.</remarks>
public sealed class ParentJourneyTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private const string Bootcamp = "/den-haag/schilderswijk/activiteiten/babybootcamp";

    [Fact(Timeout = 180_000)]
    public async Task FromPostcodeToSignUpAndToldWhenStaffCancelTheDate()
    {
        await using var phone = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var site = browser.Site;
        // The seed's addresses are placeholders marked as such; a real place has a real one.
        await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "clubhuis" && p.Wijk.Slug == "schilderswijk")
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.AddressIsPlaceholder, false)));
        var page = await phone.NewPageAsync();

        // Home → postcode 2525 → this week within 2 km.
        await page.GotoAsync("/");
        await page.GetByLabel("Uw postcode").FillAsync("2525");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon wat dichtbij is" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/?postcode=2525", StringComparison.Ordinal));
        await Expect(page.Locator("#deze-week")).ToHaveTextAsync(new Regex(@"^Deze week \d+ keer iets te doen binnen 2 km van 2525$"));
        await AssertFitsAsync(page, "home near 2525");

        // → the babybootcamp on Tuesday.
        var entry = page.Locator($"h3.day:text-is('dinsdag 24 november') + ul.occurrences li:has(a[href='{Bootcamp}'])");
        await Expect(entry.Locator(".when")).ToHaveTextAsync("13.30–15.00 uur");
        await Expect(entry.Locator(".distance")).ToHaveTextAsync(new Regex(@"^(\d+ m|[0-2](,\d)? km)$"));
        await entry.Locator($"a[href='{Bootcamp}']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Babybootcamp");

        // Where, in one glance: the address, a map link that needs no JavaScript, whom to call.
        var where = page.Locator("section.where");
        await Expect(where.Locator("address")).ToHaveTextAsync(new Regex(@"Jacob Catsstraat 45\s*2525 SB Den Haag"));
        await Expect(where.GetByRole(AriaRole.Link, new() { Name = "Bekijk de plek op de kaart (OpenStreetMap)" }))
            .ToHaveAttributeAsync("href", new Regex(@"^https://www\.openstreetmap\.org/.*52\.06"));
        var call = page.Locator("section[aria-labelledby=aanmelden] .contact-links a[href^='tel:']").First;
        await Expect(call).ToBeVisibleAsync();
        await AssertFitsAsync(page, "activity");

        // One date into the calendar: Tuesday's event only, with the place's address.
        var addDate = page.Locator("a.add-date").First;
        await Expect(addDate).ToContainTextAsync("Zet in mijn agenda");
        var ics = await (await phone.APIRequest.GetAsync((await addDate.GetAttributeAsync("href"))!)).TextAsync();
        Assert.Equal(1, Regex.Count(ics, "BEGIN:VEVENT"));
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261124T133000", ics);
        Assert.Contains("Jacob Catsstraat 45", ics.Replace("\r\n ", "", StringComparison.Ordinal));

        // Sign up for that Tuesday.
        await page.Locator($"section[aria-labelledby=aanmelden] a.button[href^='{Bootcamp}/aanmelden']").ClickAsync();
        await page.Locator("input[name='Input.Date'][value='2026-11-24']").CheckAsync();
        await page.FillAsync("#voornaam", "Samira");
        await page.FillAsync("#email", "samira@example.nl");
        await page.SelectOptionAsync("#kinderen", "1");
        await page.FillAsync("#leeftijd-0", "6");
        await page.SelectOptionAsync("#eenheid-0", "maanden");
        await page.CheckAsync("#bellen-nee");
        await page.CheckAsync("#toestemming");
        await AssertFitsAsync(page, "sign-up form");
        site.Clock.Advance(TimeSpan.FromSeconds(10));
        await page.ClickAsync("form.signup-form button[type=submit]:has-text('Aanmelden')");

        // The confirmation: date, time, full address, this date's calendar link, the personal link.
        await Expect(page.Locator("h1")).ToHaveTextAsync("U bent aangemeld");
        var confirmation = page.Locator(".confirmation");
        await Expect(confirmation).ToContainTextAsync("24 november");
        await Expect(confirmation).ToContainTextAsync("13.30");
        await Expect(confirmation).ToContainTextAsync("Jacob Catsstraat 45, 2525 SB Den Haag");
        await Expect(page.Locator("main a[download]")).ToHaveAttributeAsync("href", $"{Bootcamp}/2026-11-24.ics");
        await Expect(page.Locator("a.personal-link")).ToHaveAttributeAsync("href", new Regex("^/mijn-aanmelding/"));
        await AssertFitsAsync(page, "confirmation");
        var confirmationMail = Assert.Single(await site.DeliverNewMailAsync(), m => m.To == "samira@example.nl");
        var personalLink = new Uri(confirmationMail.Link("/mijn-aanmelding/")).AbsolutePath;

        // A wijk editor cancels that Tuesday: warned before publishing, then publishes.
        var email = $"redactie-{Guid.NewGuid():N}@example.nl";
        await site.CreateStaffAsync(email, StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        var activityId = await site.WithDbAsync(db => db.Activities.Where(a => a.Slug == "babybootcamp" && a.Wijk.Slug == "schilderswijk").Select(a => a.Id).SingleAsync());
        await using var office = await browser.NewContextAsync();
        var editor = await office.NewPageAsync();
        await editor.GotoAsync("/backoffice/inloggen");
        await editor.FillAsync("#email", email);
        await editor.FillAsync("#password", Staff.Password);
        await editor.ClickAsync("main button[type=submit]");
        await Expect(editor.Locator("h1")).ToContainTextAsync("Welkom");
        await editor.GotoAsync($"/backoffice/activiteiten/{activityId}/versies");
        await editor.Locator("ul.dates li:has-text('24 november') a:has-text('Laten vervallen')").ClickAsync();
        await Expect(editor.Locator("input[name='Input.Cancelled[0].Date']")).ToHaveValueAsync("2026-11-24");
        await editor.FillAsync("input[name='Input.Cancelled[0].Reason']", "de zaal is dicht");
        await editor.ClickAsync("form#f-form .top-actions button");
        await Expect(editor.Locator("p.notice[role=status]:has-text('aangemeld')")).ToContainTextAsync("1 ouder heeft zich aangemeld voor een datum die deze versie laat vervallen of verplaatst");
        await Axe.AssertNoViolationsAsync(editor, "the editor's warning before publishing");
        await editor.ClickAsync("button:has-text('Publiceren')");
        await Expect(editor.Locator("ul.dates li:has-text('24 november') del")).ToBeVisibleAsync();

        // The parent's mail and personal link page say so; the inbox marks the date.
        var notice = Assert.Single(await site.DeliverNewMailAsync(), m => m.To == "samira@example.nl");
        Assert.Equal("Gaat niet door: Babybootcamp", notice.Subject);
        Assert.Contains("24 november", notice.Body);
        Assert.Contains("Reden: de zaal is dicht", notice.Body);
        await page.GotoAsync(personalLink);
        await Expect(page.Locator(".change-notice")).ToContainTextAsync("Let op: de activiteit op dinsdag 24 november gaat niet door.");
        await AssertFitsAsync(page, "personal link with the change");
        await page.GotoAsync(Bootcamp);
        await Expect(page.Locator("dl.facts-list del").First).ToContainTextAsync("24 november");

        await editor.GotoAsync($"/backoffice/activiteiten/{activityId}/aanmeldingen");
        await Expect(editor.Locator(".changed-date")).ToContainTextAsync("1 ouder heeft bericht gekregen");
        await Axe.AssertNoViolationsAsync(editor, "the inbox with the changed date");
    }

    /// <summary>No sideways scrolling at 360 px, and axe-clean.</summary>
    private static async Task AssertFitsAsync(IPage page, string name)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{name}: {widths[0]} px wide in a {widths[1]} px viewport");
        await Axe.AssertNoViolationsAsync(page, $"{name} at 360 px");
    }
}
