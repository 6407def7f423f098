using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Media;

/// <summary>Photos on public pages, in schema.org, and gone everywhere at once when consent is withdrawn.</summary>
public sealed class PhotoPageTests
{
    private static async Task<MediaItem> AddAsync(SiteFactory site, byte[] file, PhotoDetails? details = null)
    {
        var result = await site.AddAsync(file, details);
        Assert.True(result.Succeeded, $"{result.Problem} {result.Detail}");
        return result.Item!;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AMeetingPlacePageShowsAResponsivePictureWithSizeAltAndNoLazyLoadingAtTheTop(DatabaseKind kind)
    {
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create(kind);
        var item = await AddAsync(site, PhotoFixtures.Jpeg(1600, 1200));
        var page = await site.PlaceOnMeetingPlaceAsync(item);

        var doc = await site.CreateClient().GetDocumentAsync(page);
        var picture = doc.QuerySelector("main picture")!;
        var source = picture.QuerySelector("source")!;
        var img = picture.QuerySelector("img")!;
        Assert.Equal("image/webp", source.GetAttribute("type"));
        Assert.Equal(PictureModel.MainColumn, source.GetAttribute("sizes"));
        var urls = site.Urls();
        Assert.Equal(string.Join(", ", new[] { 320, 640, 960, 1280, 1600 }.Select(w => $"{urls.Rendition(item, PhotoCrop.Banner, w, RenditionFormat.WebP)} {w}w")), source.GetAttribute("srcset"));
        Assert.Contains(urls.Rendition(item, PhotoCrop.Banner, 1600, RenditionFormat.Jpeg) + " 1600w", img.GetAttribute("srcset"));
        Assert.Equal(urls.Rendition(item, PhotoCrop.Banner, 640, RenditionFormat.Jpeg), img.GetAttribute("src"));
        Assert.Equal(("640", "360"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("Een ouder en een peuter bouwen samen een toren van blokken", img.GetAttribute("alt"));
        Assert.Null(img.GetAttribute("loading")); // at the top of the page: loaded at once

        // Every URL in the markup answers with an image of the size it claims.
        var client = site.CreateClient();
        foreach (var candidate in source.GetAttribute("srcset")!.Split(", ").Take(2))
        {
            var (url, width) = (candidate.Split(' ')[0], int.Parse(candidate.Split(' ')[1].TrimEnd('w'), System.Globalization.CultureInfo.InvariantCulture));
            var header = ImageHeaderReader.Read(await client.GetByteArrayAsync(url))!.Value;
            Assert.Equal((ImageFormat.WebP, width, width * 9 / 16), (header.Format, header.Width, header.Height));
        }
    }

    [Fact]
    public async Task CardsBelowTheFoldLoadLazilyAndADecorativePhotoHasAnEmptyAlt()
    {
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create();
        var place = await AddAsync(site, PhotoFixtures.Jpeg(800, 600));
        var activity = await AddAsync(site, PhotoFixtures.Jpeg(800, 600), new PhotoDetails { IsDecorative = true, ChildrenRecognisable = false });
        var wijk = await AddAsync(site, PhotoFixtures.Jpeg(1200, 500));
        await site.PlaceOnMeetingPlaceAsync(place);
        var placePage = await site.PlaceOnMeetingPlaceAsync(place, "bibliotheek");
        await site.PlaceOnActivityAsync(activity);
        var wijkPage = await site.PlaceOnWijkAsync(wijk);
        var client = site.CreateClient();

        var doc = await client.GetDocumentAsync(wijkPage);
        var pictures = doc.QuerySelectorAll("main picture");
        Assert.Equal(3, pictures.Length); // the wijk's own, and two meeting place cards
        Assert.Null(pictures[0].QuerySelector("img")!.GetAttribute("loading"));
        Assert.All(doc.QuerySelectorAll(".card picture img"), img =>
        {
            Assert.Equal("lazy", img.GetAttribute("loading"));
            Assert.Equal(("320", "240"), (img.GetAttribute("width"), img.GetAttribute("height"))); // 4:3
        });

        // The place page shows the activity held there with its (decorative) photo.
        var placeDoc = await client.GetDocumentAsync("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen");
        var card = placeDoc.QuerySelectorAll(".card").Single(c => c.QuerySelector("h3").Text() == "Taalplezier voor peuters");
        var cardImg = card.QuerySelector("picture img")!;
        Assert.Equal("", cardImg.GetAttribute("alt"));
        Assert.Equal("lazy", cardImg.GetAttribute("loading"));
        Assert.NotNull((await client.GetDocumentAsync(placePage)).QuerySelector("main picture"));
    }

    private static List<string> SchemaOrgImages(IDocument doc) =>
        doc.QuerySelectorAll("script[type='application/ld+json']")
            .SelectMany(s =>
            {
                var json = JsonDocument.Parse(s.TextContent).RootElement;
                var nodes = json.ValueKind == JsonValueKind.Array ? json.EnumerateArray().ToList() : [json];
                return nodes.Where(n => n.TryGetProperty("image", out _)).SelectMany(n => n.GetProperty("image").EnumerateArray().Select(i => i.GetString()!));
            })
            .Distinct().ToList();

    [Fact]
    public async Task AnActivitysSchemaOrgImageIsAbsoluteAtLeast1200WideInThreeShapes()
    {
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create();
        var item = await AddAsync(site, PhotoFixtures.Jpeg(2400, 1800));
        var page = await site.PlaceOnActivityAsync(item);
        var client = site.CreateClient();

        var images = SchemaOrgImages(await client.GetDocumentAsync(page));
        Assert.Equal(3, images.Count);
        Assert.All(images, url => Assert.StartsWith("http://localhost:5080/media/", url));
        foreach (var (url, crop) in images.Zip(new[] { (1280, 720), (1280, 960), (1280, 1280) }))
        {
            var header = ImageHeaderReader.Read(await client.GetByteArrayAsync(new Uri(url).PathAndQuery))!.Value;
            Assert.Equal((ImageFormat.Jpeg, crop.Item1, crop.Item2), (header.Format, header.Width, header.Height));
            Assert.True(header.Width >= 1200);
        }
    }

    [Fact]
    public async Task ASmallerPhotoGivesSchemaOrgItsWidestRenditionNeverAnEnlargement()
    {
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create();
        var item = await AddAsync(site, PhotoFixtures.Jpeg(1000, 750));
        var page = await site.PlaceOnActivityAsync(item);
        var client = site.CreateClient();

        var images = SchemaOrgImages(await client.GetDocumentAsync(page));
        Assert.Equal(["banner-1000.jpg", "card-1000.jpg", "square-750.jpg"], images.Select(u => u[(u.LastIndexOf('/') + 1)..]));
        foreach (var url in images)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task WithdrawingConsentTakesThePhotoOffEveryPageFeedAndUrlAtOnce(DatabaseKind kind)
    {
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create(kind);
        var item = await AddAsync(site, PhotoFixtures.Jpeg(1600, 1200), MediaTestSite.WithConsent());
        var placePage = await site.PlaceOnMeetingPlaceAsync(item);
        var activityPage = await site.PlaceOnActivityAsync(item);
        var wijkPage = await site.PlaceOnWijkAsync(item);
        var client = site.CreateClient();
        var key = item.Key.ToString("N");

        var pages = new[] { placePage, activityPage, wijkPage, "/den-haag/schilderswijk/ontmoetingsplekken/bibliotheek" };
        var feeds = new[] { placePage + ".ics", activityPage + ".ics", wijkPage + ".ics", "/agenda.ics", "/den-haag.ics" };
        var rendition = site.Urls().Rendition(item, PhotoCrop.Banner, 640, RenditionFormat.WebP);
        var custom = site.Urls().Custom(item, new CustomSize(200, 200, ResizeMode.Crop, RenditionFormat.Jpeg));
        foreach (var page in pages.Take(3))
            Assert.Contains(key, await client.GetStringAsync(page)); // shown, and now in the output cache
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(rendition)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(custom)).StatusCode);
        Assert.NotEmpty(MediaTestSite.FilesUnder(Path.Combine(site.Store().Cache, key)));

        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            var tracked = await db.MediaItems.SingleAsync(m => m.Id == item.Id);
            await scope.ServiceProvider.GetRequiredService<MediaLibrary>().WithdrawConsentAsync(tracked, "redacteur@example.org");
        }

        // At once: no page (cached or not) and no feed mentions it, its URLs answer 404, its renditions are gone from disk.
        foreach (var url in pages.Concat(feeds))
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(key, text);
            Assert.DoesNotContain("/media/", text);
        }

        Assert.Empty(SchemaOrgImages(await client.GetDocumentAsync(activityPage)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(rendition)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(custom)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(site.Urls().Rendition(item, PhotoCrop.Square, 320, RenditionFormat.Jpeg))).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(site.Store().Cache, key)));

        var row = await site.ReloadAsync(item);
        Assert.Equal(FixedClock.DefaultNow.UtcDateTime, row.ConsentWithdrawnUtc);
        Assert.Equal("redacteur@example.org", row.ConsentWithdrawnBy);
    }

    [Fact]
    public async Task APhotoInUseIsNotDeletedAndTheLibrarySaysWhereItIsUsed()
    {
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create();
        var item = await AddAsync(site, PhotoFixtures.Jpeg(640, 480));
        var placePage = await site.PlaceOnMeetingPlaceAsync(item);
        var activityPage = await site.PlaceOnActivityAsync(item);
        var original = site.Store().OriginalPath(item.StorageName);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync(site.Urls().Rendition(item, PhotoCrop.Card, 320, RenditionFormat.Jpeg))).StatusCode);

        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
            var tracked = await db.MediaItems.SingleAsync(m => m.Id == item.Id);

            var refused = await library.DeleteAsync(tracked);
            Assert.Equal(
                [(PhotoUsageKind.MeetingPlace, "Peuterlokaal van 2Samen", placePage), (PhotoUsageKind.Activity, "Taalplezier voor peuters", activityPage)],
                refused.Select(u => (u.Kind, u.Title, u.Url)));
            Assert.True(await db.MediaItems.AnyAsync(m => m.Id == item.Id));
            Assert.True(File.Exists(original));

            // The database refuses it too, whatever the code above it does.
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.MediaItems.Where(m => m.Id == item.Id).ExecuteDeleteAsync());
        }

        await site.WithDbAsync(async db => await db.MediaUsages.Where(u => u.MediaItemId == item.Id).ExecuteDeleteAsync());
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            var tracked = await db.MediaItems.SingleAsync(m => m.Id == item.Id);
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<MediaLibrary>().DeleteAsync(tracked));
        }

        Assert.False(await site.WithDbAsync(db => db.MediaItems.AnyAsync(m => m.Id == item.Id)));
        Assert.False(File.Exists(original));
        Assert.False(Directory.Exists(Path.Combine(site.Store().Cache, item.Key.ToString("N"))));
    }

    [Fact]
    public async Task ReplacingAPhotoGivesNewUrlsAndTheOldOnesAnswer404()
    {
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create();
        var item = await AddAsync(site, PhotoFixtures.Jpeg(640, 480));
        var page = await site.PlaceOnMeetingPlaceAsync(item);
        var client = site.CreateClient();
        var before = site.Urls().Rendition(item, PhotoCrop.Banner, 320, RenditionFormat.WebP);
        Assert.Contains(before, await client.GetStringAsync(page));

        MediaItem replaced;
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            var tracked = await db.MediaItems.SingleAsync(m => m.Id == item.Id);
            var result = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().ReplaceAsync(tracked, new MemoryStream(PhotoFixtures.Png(1280, 960)));
            replaced = result.Item!;
        }

        Assert.Equal((2, 1280, 960, ImageFormat.Png), (replaced.Version, replaced.Width, replaced.Height, replaced.SourceFormat));
        Assert.False(File.Exists(site.Store().OriginalPath(item.StorageName)));
        var html = await client.GetStringAsync(page);
        Assert.DoesNotContain(before, html);
        Assert.Contains(site.Urls().Rendition(replaced, PhotoCrop.Banner, 1280, RenditionFormat.WebP), html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(before)).StatusCode);
    }

    [Fact]
    public async Task PagesWithPhotosAreValidHtml()
    {
        var jar = TestEnvironment.ToolsPath is { } tools ? Path.Combine(tools, "node_modules", "vnu-jar", "build", "dist", "vnu.jar") : null;
        TestEnvironment.Require(jar is not null && File.Exists(jar), "The Nu Html Checker (BUURTPLATFORM_TEST_TOOLS/node_modules/vnu-jar)");
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create();
        var photo = await AddAsync(site, PhotoFixtures.Jpeg(1600, 900));
        var decorative = await AddAsync(site, PhotoFixtures.Jpeg(800, 600), new PhotoDetails { IsDecorative = true, ChildrenRecognisable = false });
        var pages = new[]
        {
            await site.PlaceOnMeetingPlaceAsync(photo),
            await site.PlaceOnActivityAsync(decorative),
            await site.PlaceOnWijkAsync(photo),
        };

        var dir = Directory.CreateTempSubdirectory("bp-vnu-photos-").FullName;
        try
        {
            var client = site.CreateClient();
            for (var i = 0; i < pages.Length; i++)
                await File.WriteAllTextAsync(Path.Combine(dir, $"page-{i}.html"), await client.GetStringAsync(pages[i]));
            var start = new System.Diagnostics.ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-jar", jar!, "--format", "text", "--errors-only" }.Concat(Directory.GetFiles(dir)))
                start.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"The Nu Html Checker found errors in {string.Join(", ", pages)}:\n{errors}{await output}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
