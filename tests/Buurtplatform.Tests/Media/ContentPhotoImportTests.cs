using System.IO.Compression;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Media;

/// <summary>Photos in umbraco-content/: the same checks and processing as an upload, idempotent, exported back beside their nodes.</summary>
public sealed class ContentPhotoImportTests : IDisposable
{
    private const string ActivityFile = "den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters.md";
    private const string WijkFile = "den-haag/schilderswijk/wijk.md";
    private static readonly Guid PhotoKey = Guid.Parse("6b1f0f3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid WijkPhotoKey = Guid.Parse("0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a");

    private readonly string _work = Directory.CreateTempSubdirectory("bp-photos-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    public static string PhotoYaml(string file, Guid? key = null) => $"""
        photo:
          key: {key ?? PhotoKey}
          file: {file}
          alt: Peuters zingen samen met de juf in een kring op de mat
          description: Taalplezier, liedjes in de kring
          focus: [0.5, 0.35]
          childrenRecognisable: true
          consent:
            givenBy: Toestemmingsformulier 2026-014
            date: 2026-10-01
            use: website
        """;

    /// <summary>A copy of the seed content with a photo beside the Schilderswijk's Taalplezier activity.</summary>
    public static string SeedWithPhoto(string work, string fileName, byte[] photo, string? yaml = null, string nodeFile = ActivityFile)
    {
        var root = Path.Combine(work, "content-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.GetFiles(TestEnvironment.SeedContent, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(root, Path.GetRelativePath(TestEnvironment.SeedContent, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        var md = Path.Combine(root, nodeFile);
        if (!fileName.Contains('/', StringComparison.Ordinal))
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(md)!, fileName), photo);
        AddFrontMatter(md, yaml ?? PhotoYaml(fileName));
        return root;
    }

    private static void AddFrontMatter(string md, string yaml)
    {
        var lines = File.ReadAllLines(md).ToList();
        var close = lines.FindIndex(1, l => l == "---");
        lines.InsertRange(close, yaml.ReplaceLineEndings("\n").Split('\n'));
        File.WriteAllText(md, string.Join('\n', lines) + "\n");
    }

    private static async Task<ImportResult> ImportAsync(SiteFactory site, string folder)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(folder);
    }

    private static int SeedFileCount => SeedFiles.Nodes;

    private static SiteFactory EmptySite(DatabaseKind kind = DatabaseKind.Sqlite)
    {
        var site = new SiteFactory(kind, seeded: false) { TestServices = CountingProcessor.Register };
        _ = site.CreateClient();
        return site;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task PhotosInTheContentGoThroughTheUploadPipelineAndASecondImportChangesNothing(DatabaseKind kind)
    {
        PhotoFixtures.RequireVips();
        var root = SeedWithPhoto(_work, "taalplezier.jpg", PhotoFixtures.PhoneJpeg(600, 400, orientation: 6));
        File.WriteAllBytes(Path.Combine(root, "den-haag/schilderswijk/wijk.png"), PhotoFixtures.PngWithMetadata(900, 400));
        AddFrontMatter(Path.Combine(root, WijkFile), $"""
            photo:
              key: {WijkPhotoKey}
              file: wijk.png
              decorative: true
              childrenRecognisable: false
            """);
        using var site = EmptySite(kind);

        var first = await ImportAsync(site, root);
        Assert.Equal(new ImportResult(SeedFileCount, 0, 0, PhotosProcessed: 2) { TranslationsChanged = SeedFiles.Translations }, first);
        Assert.Equal(2, site.Counter().Normalised);

        var item = await site.WithDbAsync(db => db.MediaItems.AsNoTracking().SingleAsync(m => m.Key == PhotoKey));
        Assert.Equal((400, 600, ImageFormat.Jpeg), (item.Width, item.Height, item.SourceFormat)); // turned upright
        Assert.Equal(("Peuters zingen samen met de juf in een kring op de mat", 0.35, true), (item.AltText, item.FocalY, item.ChildrenRecognisable));
        Assert.Equal(("Toestemmingsformulier 2026-014", new DateOnly(2026, 10, 1), ConsentUse.Website), (item.ConsentGivenBy, item.ConsentDate, item.ConsentUse));
        NoMetadata.Assert(await File.ReadAllBytesAsync(site.Store().OriginalPath(item.StorageName)), "the imported original");
        var wijkPhoto = await site.WithDbAsync(db => db.MediaItems.AsNoTracking().SingleAsync(m => m.Key == WijkPhotoKey));
        Assert.True(wijkPhoto.IsDecorative);

        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters");
        Assert.Equal(item.AltText, doc.QuerySelector("main picture img")!.GetAttribute("alt"));
        Assert.Equal("", (await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk")).QuerySelector("main picture img")!.GetAttribute("alt"));

        var second = await ImportAsync(site, root);
        Assert.Equal(new ImportResult(0, 0, SeedFileCount, PhotosProcessed: 0), second);
        Assert.Equal(2, site.Counter().Normalised); // the unchanged files were not processed again
        Assert.Equal(2, await site.WithDbAsync(db => db.MediaItems.CountAsync()));
        Assert.Equal(1, (await site.ReloadAsync(item)).Version);
    }

    [Fact]
    public async Task ExportWritesPhotosBesideTheirNodesAndImportingTheExportGivesTheSameContent()
    {
        PhotoFixtures.RequireVips();
        var root = SeedWithPhoto(_work, "taalplezier.heic", PhotoFixtures.Heic(640, 480));
        using var first = EmptySite();
        await ImportAsync(first, root);

        var export = Path.Combine(_work, "export");
        await first.WithDbAsync(async db => await new ContentExporter(db, first.Store()).ExportAsync(export));
        var exportedPhoto = Path.Combine(export, "den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters.jpg");
        Assert.True(File.Exists(exportedPhoto)); // the stored original: upright JPEG, no metadata
        NoMetadata.Assert(await File.ReadAllBytesAsync(exportedPhoto), "the exported photo");
        var text = await File.ReadAllTextAsync(Path.Combine(export, ActivityFile));
        Assert.Contains(PhotoYaml("taalplezier-voor-peuters.jpg").Replace("\r\n", "\n", StringComparison.Ordinal), text);

        // Importing the export into the same site changes nothing…
        Assert.Equal(new ImportResult(0, 0, SeedFileCount, PhotosProcessed: 0), await ImportAsync(first, export));

        // …and into a fresh one gives the same files.
        using var second = EmptySite();
        await ImportAsync(second, export);
        var a = await first.WithDbAsync(db => new ContentExporter(db, first.Store()).RenderAsync());
        var b = await second.WithDbAsync(db => new ContentExporter(db, second.Store()).RenderAsync());
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task TheBackofficeZipCarriesThePhotosSoItImportsIntoAFreshSite()
    {
        PhotoFixtures.RequireVips();
        var root = SeedWithPhoto(_work, "taalplezier.jpg", PhotoFixtures.Jpeg(640, 480));
        using var first = EmptySite();
        await ImportAsync(first, root);
        var admin = await Editing.Editors.AdministratorAsync(first);
        var client = await first.SignedInClientAsync(admin);

        var response = await client.SubmitAsync(EditingPaths.Export, [], "main form");
        var unzipped = Path.Combine(_work, "unzipped");
        using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
            zip.ExtractToDirectory(unzipped);
        var content = Path.Combine(unzipped, "umbraco-content");
        var photo = Path.Combine(content, "den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters.jpg");
        Assert.True(File.Exists(photo), "the photo beside its node in the zip");
        NoMetadata.Assert(await File.ReadAllBytesAsync(photo), "the zipped photo");

        using var second = EmptySite();
        await ImportAsync(second, content);
        var a = await first.WithDbAsync(db => new ContentExporter(db, first.Store()).RenderAsync());
        var b = await second.WithDbAsync(db => new ContentExporter(db, second.Store()).RenderAsync());
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task AWithdrawnPhotoIsNotExportedAndAReimportDoesNotBringItBack()
    {
        PhotoFixtures.RequireVips();
        var root = SeedWithPhoto(_work, "taalplezier.jpg", PhotoFixtures.Jpeg(640, 480));
        using var site = EmptySite();
        await ImportAsync(site, root);
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            await scope.ServiceProvider.GetRequiredService<MediaLibrary>().WithdrawConsentAsync(await db.MediaItems.SingleAsync(), "redacteur");
        }

        var export = Path.Combine(_work, "export-withdrawn");
        await site.WithDbAsync(async db => await new ContentExporter(db, site.Store()).ExportAsync(export));
        Assert.Empty(Directory.GetFiles(export, "*.jpg", SearchOption.AllDirectories));
        Assert.DoesNotContain("photo:", await File.ReadAllTextAsync(Path.Combine(export, ActivityFile)));

        await ImportAsync(site, root);
        Assert.NotNull((await site.WithDbAsync(db => db.MediaItems.AsNoTracking().SingleAsync())).ConsentWithdrawnUtc);
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters?na-import");
        Assert.Null(doc.QuerySelector("main picture"));
    }

    public static TheoryData<string, string, string, string, string> BadPhotos => new()
    {
        { "../../x.jpg", "file: ../../x.jpg", "file: ../../x.jpg", "photo.file", "must be the name of an image file beside this file" },
        { "taalplezier.jpg", "file: taalplezier.jpg", "file: elders.jpg", "photo.file", "there is no file 'elders.jpg' beside this file" },
        { "taalplezier.jpg", "alt: Peuters zingen samen met de juf in een kring op de mat", "", "photo.alt", "describe what the photo shows, or write decorative: true" },
        { "taalplezier.jpg", "alt: Peuters", "decorative: true\n  alt: Peuters", "photo.alt", "give either alt or decorative: true, not both" },
        { "taalplezier.jpg", "childrenRecognisable: true", "", "photo.childrenRecognisable", "are recognisable children in this photo? true or false" },
        { "taalplezier.jpg", "childrenRecognisable: true", "childrenRecognisable: misschien", "photo.childrenRecognisable", "must be true or false, not 'misschien'" },
        { "taalplezier.jpg", "givenBy: Toestemmingsformulier 2026-014", "", "photo.consent.givenBy", "the parent or guardian who consented" },
        { "taalplezier.jpg", "use: website", "use: facebook", "photo.consent.use", "must be 'website'" },
        { "taalplezier.jpg", "focus: [0.5, 0.35]", "focus: [2, 0.35]", "photo.focus", "must be two numbers from 0 to 1" },
        { "taalplezier.jpg", "date: 2026-10-01", "date: 2027-01-01", "photo.consent.date", "must not be in the future" },
        { "taalplezier.jpg", "key: 6b1f0f3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b", "key: foto-1", "photo.key", "must be a GUID" },
    };

    [Theory]
    [MemberData(nameof(BadPhotos))]
    public async Task ABadPhotoGroupFailsTheWholeImportNamingFileLineAndField(string fileName, string find, string replace, string field, string message)
    {
        var yaml = PhotoYaml(fileName);
        Assert.Contains(find, yaml);
        yaml = yaml.Replace(find, replace, StringComparison.Ordinal);
        var root = SeedWithPhoto(_work, fileName, PhotoFixtures.JpegHeaderWithHtml(), yaml);
        using var site = EmptySite();

        var error = await Assert.ThrowsAsync<ContentImportException>(() => ImportAsync(site, root));
        var found = Assert.Single(error.Errors);
        Assert.Equal((ActivityFile, field), (found.File, found.Field));
        Assert.True(found.Line > 1);
        Assert.Contains(message, found.Message);
        Assert.Equal(0, await site.WithDbAsync(db => db.Gemeenten.CountAsync())); // all or nothing
        Assert.Equal(0, site.Counter().Normalised);
        Assert.Empty(MediaTestSite.FilesUnder(site.Store().Originals));
        Assert.False(File.Exists(Path.Combine(_work, "x.jpg")));
    }

    [Theory]
    [InlineData("taalplezier.jpg", "is not a photo the site accepts: JPEG, PNG, WebP or HEIC")]
    [InlineData("taalplezier.png", "more than 50 megapixels")]
    public async Task AFileThatIsNoPhotoOrABombFailsTheImportWithoutReachingLibvips(string fileName, string message)
    {
        var bytes = fileName.EndsWith(".png", StringComparison.Ordinal) ? PhotoFixtures.PngClaiming(30_000, 30_000) : "<html><script>alert(1)</script></html>"u8.ToArray();
        var root = SeedWithPhoto(_work, fileName, bytes);
        using var site = EmptySite();

        var error = await Assert.ThrowsAsync<ContentImportException>(() => ImportAsync(site, root));
        var found = Assert.Single(error.Errors);
        Assert.Equal((ActivityFile, "photo.file"), (found.File, found.Field));
        Assert.Equal(File.ReadAllLines(Path.Combine(root, ActivityFile)).ToList().FindIndex(l => l.Contains("file: " + fileName, StringComparison.Ordinal)) + 1, found.Line);
        Assert.Contains(message, found.Message);
        Assert.Equal(0, site.Counter().Normalised);
        Assert.Equal(0, await site.WithDbAsync(db => db.Gemeenten.CountAsync()));
    }
}
