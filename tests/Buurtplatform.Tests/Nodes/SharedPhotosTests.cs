using System.Net;
using System.Net.Http.Headers;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.Media;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.Media.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Nodes;

/// <summary>
/// <c>Media:Store</c> = <c>Database</c>: the originals are rows, so a photo uploaded on one node is served by
/// every other in every rendition, each node making its renditions from the shared original on its own disk.
/// </summary>
public sealed class SharedPhotosTests
{
    private static SiteFactory DatabaseStoreSite(DatabaseKind kind)
    {
        var site = new SiteFactory(kind) { TestServices = CountingProcessor.Register };
        site.Settings["Media:Store"] = "Database";
        return site;
    }

    /// <summary>The backoffice upload form, as a browser posts it.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int wijkId, byte[] file)
    {
        var page = await client.GetDocumentAsync(MediaPaths.Upload(wijkId));
        using var form = new MultipartFormDataContent { { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(content, "Input.File", "foto.jpg");
        form.Add(new StringContent("Ouders en peuters bouwen een toren"), "Input.AltText");
        form.Add(new StringContent("Toren van blokken"), "Input.Description");
        form.Add(new StringContent("50"), "Input.FocalX");
        form.Add(new StringContent("50"), "Input.FocalY");
        form.Add(new StringContent("nee"), "Input.ChildrenRecognisable");
        return await client.PostAsync(MediaPaths.Upload(wijkId), form);
    }

    [Fact]
    public async Task APhotoUploadedOnOneNodeIsServedByTheOtherInEveryRendition()
    {
        PhotoFixtures.RequireVips();
        using var a = DatabaseStoreSite(DatabaseKind.Postgres);
        var editor = await a.SignedInClientAsync(await a.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]));
        var wijkId = await a.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(editor, wijkId, PhotoFixtures.Jpeg(900, 600))).StatusCode);
        var item = await a.WithDbAsync(db => db.MediaItems.AsNoTracking().SingleAsync());

        // The original is a row, not a file on A's disk.
        Assert.Empty(MediaTestSite.FilesUnder(a.Store().Originals));
        var stored = await a.WithDbAsync(db => db.MediaOriginals.AsNoTracking().SingleAsync(o => o.StorageName == item.StorageName));
        Assert.Equal(item.StoredSha256, MediaLibrary.Sha256(stored.Content));

        using var b = a.OtherNode();
        var client = b.CreateClient();
        var urls = Enum.GetValues<PhotoCrop>()
            .SelectMany(crop => a.Urls().Widths(item, crop).SelectMany(width => Enum.GetValues<RenditionFormat>().Select(format => (Url: a.Urls().Rendition(item, crop, width, format), Format: format))))
            .Append((Url: a.Urls().Custom(item, new CustomSize(333, 222, ResizeMode.Crop, RenditionFormat.WebP)), Format: RenditionFormat.WebP))
            .ToList();
        Assert.True(urls.Count > 10);
        foreach (var (url, format) in urls)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Equal(format.ContentType(), response.Content.Headers.ContentType!.MediaType);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }

        // B made them on its own disk from the shared original, and kept no copy of the original.
        Assert.Equal(urls.Count, b.Counter().Rendered);
        Assert.Equal(0, a.Counter().Rendered);
        Assert.Equal(urls.Count, MediaTestSite.FilesUnder(Path.Combine(b.Store().Cache, item.Key.ToString("N"))).Count);
        Assert.Empty(MediaTestSite.FilesUnder(b.Store().Originals));
        Assert.Empty(MediaTestSite.FilesUnder(b.Store().Work));

        // Deleted on A: the row goes, and B answers 404 and drops its renditions at the next request.
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(MediaPaths.Delete(item.Id), Array.Empty<KeyValuePair<string, string>>())).StatusCode);
        Assert.False(await a.WithDbAsync(db => db.MediaOriginals.AnyAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(urls[0].Url)).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(b.Store().Cache, item.Key.ToString("N"))));
    }

    [Fact]
    public async Task TheDatabaseStoreWorksOnASingleSqliteNodeForReplaceAndExportToo()
    {
        PhotoFixtures.RequireVips();
        using var site = DatabaseStoreSite(DatabaseKind.Sqlite);
        _ = site.CreateClient();
        var item = (await site.AddAsync(PhotoFixtures.Jpeg(800, 600))).Item!;
        await site.PlaceOnActivityAsync(item);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync(site.Urls().Rendition(item, PhotoCrop.Card, 640, RenditionFormat.Jpeg))).StatusCode);

        // Replaced: the new original is stored, the old row goes.
        var old = item.StorageName;
        await using (var scope = site.Scope())
        {
            var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
            var tracked = await scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>().MediaItems.SingleAsync(m => m.Id == item.Id);
            Assert.True((await library.ReplaceAsync(tracked, new MemoryStream(PhotoFixtures.Png(640, 480)))).Succeeded);
            item = tracked;
        }

        Assert.Equal([item.StorageName], await site.WithDbAsync(db => db.MediaOriginals.Select(o => o.StorageName).ToListAsync()));
        Assert.NotEqual(old, item.StorageName);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync(site.Urls().Rendition(item, PhotoCrop.Card, 640, RenditionFormat.WebP))).StatusCode);

        // The export writes the photo from the database, byte for byte the stored original.
        var folder = Directory.CreateTempSubdirectory("bp-export-").FullName;
        try
        {
            await using (var scope = site.Scope())
                await scope.ServiceProvider.GetRequiredService<ContentExporter>().ExportAsync(folder);
            var exported = Directory.GetFiles(folder, "*.png", SearchOption.AllDirectories);
            Assert.Equal(item.StoredSha256, MediaLibrary.Sha256(await File.ReadAllBytesAsync(Assert.Single(exported))));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
