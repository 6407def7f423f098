using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.Media.Library;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Media;

/// <summary>The backoffice media library through HTTP, as a signed-in wijk editor: upload, search, place, withdraw, delete, audit.</summary>
public sealed class MediaLibraryPageTests
{
    private static async Task<(SiteFactory Site, HttpClient Editor, int WijkId)> EditorAsync()
    {
        var site = MediaTestSite.Create();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        var client = await site.SignedInClientAsync(editor);
        var wijkId = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());
        return (site, client, wijkId);
    }

    /// <summary>Posts the upload form as a browser does: multipart, with the page's antiforgery token and the file under its own name.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int wijkId, byte[] file, string fileName, Dictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync(MediaPaths.Upload(wijkId));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(content, "Input.File", fileName);
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        return await client.PostAsync(MediaPaths.Upload(wijkId), form);
    }

    private static Dictionary<string, string> Consent() => new()
    {
        ["Input.AltText"] = "Peuters bouwen samen een toren",
        ["Input.Description"] = "blokken in de speelhoek",
        ["Input.FocalX"] = "30",
        ["Input.FocalY"] = "40",
        ["Input.ChildrenRecognisable"] = "ja",
        ["Input.ConsentGivenBy"] = "Formulier 2026-031",
        ["Input.ConsentDate"] = "2026-11-02",
        ["Input.ConsentForWebsite"] = "true",
    };

    private static List<string> Errors(IDocument doc) => doc.QuerySelectorAll(".error-summary li").Select(li => li.Text()).ToList();

    [Fact]
    public async Task AnEditorUploadsAPhotoItsNameNeverReachesTheDiskAndTheUploadIsAudited()
    {
        PhotoFixtures.RequireVips();
        var (site, client, wijkId) = await EditorAsync();
        using var _ = site;

        // A PNG named like a JPEG in a folder above: accepted by what it is, stored under a generated name.
        var response = await UploadAsync(client, wijkId, PhotoFixtures.Png(800, 600), "../../x.jpg", Consent());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await site.WithDbAsync(db => db.MediaItems.AsNoTracking().SingleAsync());
        Assert.Equal(MediaPaths.Photo(item.Id), response.Headers.Location!.OriginalString);
        Assert.Equal((ImageFormat.Png, wijkId, 0.3, 0.4), (item.SourceFormat, item.WijkId, item.FocalX, item.FocalY));
        Assert.Equal(("Formulier 2026-031", new DateOnly(2026, 11, 2), ConsentUse.Website), (item.ConsentGivenBy, item.ConsentDate, item.ConsentUse));
        Assert.Matches("^[0-9a-f]{32}\\.png$", item.StorageName);
        var everywhere = Directory.GetFiles(site.DataDir, "*", SearchOption.AllDirectories).Concat(Directory.GetFiles(Path.GetDirectoryName(site.DataDir)!, "x.jpg"));
        Assert.DoesNotContain(everywhere, f => Path.GetFileName(f) == "x.jpg");

        var entry = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(e => e.Action == AuditAction.MediaUploaded));
        Assert.Equal((AuditTarget.Media(item.Key), "redacteur@example.nl"), (entry.Target, entry.ActorName));
        Assert.DoesNotContain("Formulier 2026-031", entry.Detail); // no consent giver in the log

        var page = await client.GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Equal("De foto is toegevoegd.", page.QuerySelector("[role=status]").Text());
        Assert.Equal("Peuters bouwen samen een toren", page.QuerySelector(".lead").Text());
    }

    [Fact]
    public async Task RefusedUploadsSayWhatIsAcceptedAndNothingIsStored()
    {
        var (site, client, wijkId) = await EditorAsync();
        using var _ = site;

        var html = await (await UploadAsync(client, wijkId, PhotoFixtures.JpegHeaderWithHtml(), "foto.jpg", Consent())).ParseAsync();
        Assert.Equal(["Dit bestand kunnen we niet gebruiken. We nemen foto's aan als JPEG, PNG, WebP of HEIC (van een telefoon), tot 25 MB en 50 megapixel."], Errors(html));

        var bomb = await (await UploadAsync(client, wijkId, PhotoFixtures.PngClaiming(30_000, 30_000), "foto.png", Consent())).ParseAsync();
        Assert.Equal(["De foto heeft meer dan 50 megapixel. Maak de foto kleiner en probeer het opnieuw."], Errors(bomb));

        var unanswered = Consent();
        unanswered.Remove("Input.ChildrenRecognisable");
        unanswered.Remove("Input.AltText");
        var noAnswer = await (await UploadAsync(client, wijkId, PhotoFixtures.PngClaiming(10, 10), "foto.png", unanswered)).ParseAsync();
        Assert.Equal(
            ["Vul een alt-tekst in, of vink aan dat de foto decoratief is.", "Geef antwoord op de vraag of er herkenbare kinderen op de foto staan."],
            Errors(noAnswer));
        Assert.Equal("blokken in de speelhoek", noAnswer.QuerySelector("#description")!.GetAttribute("value")); // what was typed stays

        var noConsent = Consent();
        noConsent.Remove("Input.ConsentGivenBy");
        noConsent.Remove("Input.ConsentForWebsite");
        var consentMissing = await (await UploadAsync(client, wijkId, PhotoFixtures.PngClaiming(10, 10), "foto.png", noConsent)).ParseAsync();
        Assert.Equal(
            ["Er staan herkenbare kinderen op de foto. Vul in wie toestemming gaf.", "Er staan herkenbare kinderen op de foto. Vink aan dat de toestemming voor de website geldt."],
            Errors(consentMissing));

        Assert.Equal(0, site.Counter().Normalised);
        Assert.Equal(0, await site.WithDbAsync(db => db.MediaItems.CountAsync()));
    }

    [Fact]
    public async Task WithoutLibvipsTheUploadSaysHowToInstallIt()
    {
        using var site = new SiteFactory();
        site.Settings["Media:VipsPath"] = "/nonexistent/vips";
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        var client = await site.SignedInClientAsync(editor);
        var wijkId = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());

        var doc = await (await UploadAsync(client, wijkId, PhotoFixtures.PngClaiming(10, 10), "foto.png", Consent())).ParseAsync();
        Assert.Equal(["Foto's verwerken kan nu niet: het programma libvips ontbreekt op de server. Vraag de beheerder van de server het te installeren met: sudo apt-get install libvips-tools"], Errors(doc));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(MediaPaths.Library(wijkId))).StatusCode);
    }

    private static async Task<MediaItem> UploadedAsync(SiteFactory site, HttpClient client, int wijkId, string description, bool children = true)
    {
        var fields = Consent();
        fields["Input.Description"] = description;
        if (!children)
        {
            fields["Input.ChildrenRecognisable"] = "nee";
            fields.Remove("Input.ConsentGivenBy");
            fields.Remove("Input.ConsentDate");
            fields.Remove("Input.ConsentForWebsite");
        }

        var response = await UploadAsync(client, wijkId, PhotoFixtures.Jpeg(800, 600), "foto.jpg", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await site.WithDbAsync(db => db.MediaItems.AsNoTracking().SingleAsync(m => m.Description == description));
    }

    [Fact]
    public async Task TheLibraryIsSearchedByDescriptionAndAltText()
    {
        PhotoFixtures.RequireVips();
        var (site, client, wijkId) = await EditorAsync();
        using var _ = site;
        await UploadedAsync(site, client, wijkId, "Geiten op het erf", children: false);
        await UploadedAsync(site, client, wijkId, "Zingen in de kring");

        var all = await client.GetDocumentAsync(MediaPaths.Library(wijkId));
        Assert.Equal(2, all.QuerySelectorAll(".media-grid > li").Length);
        var found = await client.GetDocumentAsync(MediaPaths.Library(wijkId) + "?zoek=GEITEN");
        Assert.Equal(["Geiten op het erf"], found.QuerySelectorAll(".media-grid > li p:not(.facts)").Select(p => p.Text()));
        var none = await client.GetDocumentAsync(MediaPaths.Library(wijkId) + "?zoek=fiets");
        Assert.Empty(none.QuerySelectorAll(".media-grid > li"));
        Assert.Equal("Geen foto's gevonden met 'fiets'.", none.QuerySelector(".empty").Text());
    }

    [Fact]
    public async Task PlacingWithdrawingAndDeletingAreAuditedAndTakeEffectOnThePublicSite()
    {
        PhotoFixtures.RequireVips();
        var (site, client, wijkId) = await EditorAsync();
        using var _ = site;
        var item = await UploadedAsync(site, client, wijkId, "Zingen in de kring");
        var placeId = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "peuterlokaal-2samen" && p.WijkId == wijkId).Select(p => p.Id).SingleAsync());
        var publicPage = "/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen";
        var anonymous = site.CreateClient();
        Assert.Null((await anonymous.GetDocumentAsync(publicPage)).QuerySelector("main picture")); // cached now

        // Place it: the public page shows it at once.
        var placed = await client.SubmitAsync(MediaPaths.Photo(item.Id), new { page = $"plek:{placeId}" }, "#plaatsen");
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        Assert.NotNull((await anonymous.GetDocumentAsync(publicPage)).QuerySelector("main picture"));
        var photoPage = await client.GetDocumentAsync(MediaPaths.Photo(item.Id));
        Assert.Equal(["Peuterlokaal van 2Samen (ontmoetingsplek)"], photoPage.QuerySelectorAll("#gebruikt ~ ul li").Select(li => li.QuerySelector("a").Text() + " " + li.ChildNodes.OfType<AngleSharp.Dom.IText>().Select(t => t.Text.Trim()).First(t => t.Length > 0)));

        // A page of another wijk cannot be chosen.
        var otherPlace = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Wijk.Slug == "moerwijk").Select(p => p.Id).FirstAsync());
        var refused = await (await client.SubmitAsync(MediaPaths.Photo(item.Id), new { page = $"plek:{otherPlace}" }, "#plaatsen")).ParseAsync();
        Assert.Equal(["Kies een pagina van deze wijk."], Errors(refused));

        // Deleting is refused while it is shown; the confirmation lists the page.
        var deletePage = await client.GetDocumentAsync(MediaPaths.Delete(item.Id));
        Assert.Equal("Deze foto staat nog op 1 pagina('s). Verwijderen kan pas als hij nergens meer staat:", deletePage.QuerySelector("#in-gebruik").Text());
        Assert.Equal(publicPage, deletePage.QuerySelector(".error-summary li a")!.GetAttribute("href"));
        Assert.Empty(deletePage.QuerySelectorAll("main form button.danger"));

        // Withdraw consent: needs the confirmation, then the photo is gone from the public page and its URLs.
        var rendition = site.Urls().Rendition(item, PhotoCrop.Banner, 640, RenditionFormat.WebP);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(rendition)).StatusCode);
        var unconfirmed = await (await client.SubmitAsync(MediaPaths.Photo(item.Id), new { confirm = "" }, "#intrekken-form")).ParseAsync();
        Assert.Equal(["Vink aan dat u de toestemming wilt intrekken."], Errors(unconfirmed));
        var withdrawn = await client.SubmitAsync(MediaPaths.Photo(item.Id), new { confirm = "true" }, "#intrekken-form");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Null((await anonymous.GetDocumentAsync(publicPage)).QuerySelector("main picture"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(rendition)).StatusCode);
        var row = await site.ReloadAsync(item);
        Assert.Equal("redacteur@example.nl", row.ConsentWithdrawnBy);
        var afterWithdrawal = await client.GetDocumentAsync(MediaPaths.Photo(item.Id));
        Assert.Contains("De toestemming is ingetrokken op 23 november 2026 door redacteur@example.nl.", afterWithdrawal.QuerySelector("#ingetrokken").Text());
        Assert.Null(afterWithdrawal.QuerySelector("#plaatsen")); // cannot be placed again

        // Take it off the page, then delete it.
        var usageId = afterWithdrawal.QuerySelector("input[name=usage]")!.GetAttribute("value");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(MediaPaths.Photo(item.Id), new { usage = usageId! }, "#gebruikt ~ ul form")).StatusCode);
        var deleted = await client.SubmitAsync(MediaPaths.Delete(item.Id), Array.Empty<KeyValuePair<string, string>>());
        Assert.Equal((HttpStatusCode.Redirect, MediaPaths.Library(wijkId)), (deleted.StatusCode, deleted.Headers.Location!.OriginalString));
        Assert.False(await site.WithDbAsync(db => db.MediaItems.AnyAsync()));

        var actions = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Target == AuditTarget.Media(item.Key)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditAction.MediaUploaded, AuditAction.MediaPlaced, AuditAction.ConsentWithdrawn, AuditAction.MediaRemovedFromPage, AuditAction.MediaDeleted], actions);
    }

    [Fact]
    public async Task DetailsCanBeChangedAndANewFocalPointGivesNewUrls()
    {
        PhotoFixtures.RequireVips();
        var (site, client, wijkId) = await EditorAsync();
        using var _ = site;
        var item = await UploadedAsync(site, client, wijkId, "Zingen in de kring");

        var saved = await client.SubmitAsync(MediaPaths.Photo(item.Id), new { Input_AltText = "Kinderen zingen met de juf", Input_FocalX = "80", Input_FocalY = "20" }, "#details");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var row = await site.ReloadAsync(item);
        Assert.Equal(("Kinderen zingen met de juf", 0.8, 0.2, 2), (row.AltText, row.FocalX, row.FocalY, row.Version));

        var bad = await (await client.SubmitAsync(MediaPaths.Photo(item.Id), new { Input_ConsentDate = "2027-05-01" }, "#details")).ParseAsync();
        Assert.Equal(["De datum van de toestemming kan niet in de toekomst liggen."], Errors(bad));
    }

    [Fact]
    public async Task OtherWijkenAndProfessionalsCannotOpenTheLibraryOrItsPhotos()
    {
        PhotoFixtures.RequireVips();
        var (site, client, wijkId) = await EditorAsync();
        using var _ = site;
        var item = await UploadedAsync(site, client, wijkId, "Zingen in de kring");
        var other = await site.CreateStaffAsync("moerwijk@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var professional = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["schilderswijk/peuterlokaal-2samen"]);

        foreach (var person in new[] { other, professional })
        {
            var c = await site.SignedInClientAsync(person);
            foreach (var url in new[] { MediaPaths.Library(wijkId), MediaPaths.Upload(wijkId), MediaPaths.Photo(item.Id), MediaPaths.Delete(item.Id) })
                Assert.Equal((url, HttpStatusCode.Forbidden), (url, (await c.GetAsync(url)).StatusCode));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await site.HttpsClient().GetAsync(MediaPaths.Library(wijkId))).StatusCode); // to the sign-in page
    }

    [Fact]
    public void EveryProblemHasADutchText()
    {
        var resx = System.Xml.Linq.XDocument.Load(Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web", "Resources", "SharedResource.resx"));
        var keys = resx.Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
        foreach (var problem in Enum.GetValues<DetailProblem>())
            Assert.Contains("Media.Problem." + problem, keys);
        foreach (var kind in Enum.GetValues<PhotoUsageKind>())
            Assert.Contains("Media.Kind." + kind, keys);
        foreach (var action in AuditAction.All)
            Assert.Contains("Audit.Action." + action, keys);
    }
}
