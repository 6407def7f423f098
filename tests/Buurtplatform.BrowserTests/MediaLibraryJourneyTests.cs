using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Media;
using Buurtplatform.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// The media library in Chromium: a wijk editor uploads a phone photo, gives alt text, focal point (by
/// clicking the photo) and consent, puts it on a meeting place; the public page shows a responsive image.
/// axe (WCAG 2.2 AA) checks every media library page on the way, a form with errors included.
/// </summary>
public sealed class MediaLibraryJourneyTests(BrowserSite browser) : IClassFixture<BrowserSite>, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("bp-browser-photo-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    // The __Host- cookies need a secure context: Chromium treats http://localhost as one.
    private string Url(string path) => browser.Url(path);

    [Fact]
    public async Task AnEditorUploadsAPhonePhotoPlacesItOnAMeetingPlaceAndThePublicPageShowsAResponsiveImage()
    {
        PhotoFixtures.RequireVips();
        // A wijk editor of the Schilderswijk (no authenticator needed for that role).
        var editor = await browser.Site.CreateStaffAsync($"redacteur-{Guid.NewGuid():N}@example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        var wijkId = await browser.Site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());
        var photo = Path.Combine(_work, "IMG_2041.jpg");
        await File.WriteAllBytesAsync(photo, PhotoFixtures.PhoneJpeg(1200, 900, orientation: 6));

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/backoffice/inloggen"));
        await page.FillAsync("#email", editor.Email);
        await page.FillAsync("#password", Staff.Password);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("h1")).ToContainTextAsync("Welkom");

        // The wijk overview links to its photos; the library is empty.
        await page.GotoAsync(Url($"/backoffice/wijken/{wijkId}"));
        await page.ClickAsync("text=Foto's");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Foto's van Schilderswijk");
        await Axe.AssertNoViolationsAsync(page, "media library (empty)");
        await page.ClickAsync("a.button");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Foto toevoegen");
        await Axe.AssertNoViolationsAsync(page, "upload form");

        // Sent without answering the children question: the form comes back with the errors.
        await page.SetInputFilesAsync("#file", photo);
        await page.EvaluateAsync("document.querySelectorAll('form [required]').forEach(e => e.removeAttribute('required'))");
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Geef antwoord op de vraag of er herkenbare kinderen op de foto staan.");
        await Axe.AssertNoViolationsAsync(page, "upload form with errors");

        // Now properly: the phone photo, alt text, consent.
        await page.SetInputFilesAsync("#file", photo);
        await page.FillAsync("#alt", "Peuters zingen samen met de juf in een kring op de mat");
        await page.FillAsync("#description", "Samen zingen, kring");
        await page.CheckAsync("input[name='Input.ChildrenRecognisable'][value=ja]");
        await page.FillAsync("#consent-by", "Toestemmingsformulier 2026-014");
        await page.FillAsync("#consent-date", "2026-11-02");
        await page.CheckAsync("input[name='Input.ConsentForWebsite']");
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync("De foto is toegevoegd.");
        await Expect(page.Locator("figure figcaption")).ToContainTextAsync("900 × 1200 pixels"); // turned upright

        // The focal point by clicking the photo, a quarter across and a fifth down.
        var preview = page.Locator("figure.focal-preview img");
        await Expect(preview).ToHaveJSPropertyAsync("complete", true);
        var box = (await preview.BoundingBoxAsync())!;
        await preview.ClickAsync(new LocatorClickOptions { Position = new Position { X = box.Width * 0.25f, Y = box.Height * 0.2f } });
        await Expect(page.Locator("#focal-x")).ToHaveValueAsync("25");
        await Expect(page.Locator("#focal-y")).ToHaveValueAsync("20");
        await page.ClickAsync("#details button[type=submit]");
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync("De gegevens van de foto zijn opgeslagen.");
        await Axe.AssertNoViolationsAsync(page, "photo page");

        // Put it on the meeting place.
        await page.SelectOptionAsync("#page", new SelectOptionValue { Label = "Ontmoetingsplek: Peuterlokaal van 2Samen" });
        await page.ClickAsync("#plaatsen button[type=submit]");
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync("De foto staat op de pagina.");
        await Expect(page.Locator("#gebruikt ~ ul li a")).ToHaveTextAsync("Peuterlokaal van 2Samen");

        var item = await browser.Site.WithDbAsync(db => db.MediaItems.AsNoTracking().SingleAsync());
        Assert.Equal((0.25, 0.2, 900, 1200), (item.FocalX, item.FocalY, item.Width, item.Height));

        // The library with the photo, and the delete page (refused: it is in use).
        await page.GotoAsync(Url($"/backoffice/wijken/{wijkId}/media"));
        await Expect(page.Locator(".media-grid > li")).ToHaveCountAsync(1);
        await Axe.AssertNoViolationsAsync(page, "media library (one photo)");
        await page.GotoAsync(Url($"/backoffice/media/{item.Id}/verwijderen"));
        await Expect(page.Locator("#in-gebruik")).ToContainTextAsync("Deze foto staat nog op 1 pagina('s)");
        await Axe.AssertNoViolationsAsync(page, "delete page (in use)");

        // The public page: a responsive image that loads, with its size set and WebP offered first.
        await page.GotoAsync(Url("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen"));
        var img = page.Locator("main picture img");
        await Expect(img).ToHaveAttributeAsync("alt", "Peuters zingen samen met de juf in een kring op de mat");
        await Expect(page.Locator("main picture source[type='image/webp']")).ToHaveAttributeAsync("srcset", new System.Text.RegularExpressions.Regex("banner-320\\.webp 320w.*banner-900\\.webp 900w"));
        Assert.Equal(("640", "360"), (await img.GetAttributeAsync("width"), await img.GetAttributeAsync("height")));
        await Expect(img).ToHaveJSPropertyAsync("complete", true);
        var loaded = await img.EvaluateAsync<string>("i => i.naturalWidth + 'x' + i.naturalHeight + ' ' + i.currentSrc");
        Assert.Matches("^[0-9]+x[0-9]+ .*/media/[0-9a-f]{32}/2/banner-[0-9]+\\.webp$", loaded); // a WebP rendition, version 2 after the new focal point

        // naturalWidth/Height are corrected for the srcset density (900w shown 960 CSS pixels wide): the shape is what counts.
        var size = loaded.Split(' ')[0].Split('x').Select(int.Parse).ToArray();
        Assert.Equal(size[0] * 9 / 16, size[1], tolerance: 1);
    }
}
