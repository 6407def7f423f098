using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Media;

/// <summary>
/// Photos through the real pipeline (checks, then libvips): turned upright, every piece of metadata gone from
/// the stored original and from every rendition, exact pixel sizes; refused files never reach libvips.
/// </summary>
public sealed class PhotoProcessingTests
{
    private static async Task<byte[]> GetBytesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Every standard rendition of the photo, fetched over HTTP: format, exact size and no metadata.</summary>
    private static async Task<int> CheckEveryRenditionAsync(SiteFactory site, MediaItem item)
    {
        var client = site.CreateClient();
        var urls = site.Urls();
        var count = 0;
        foreach (var crop in Enum.GetValues<PhotoCrop>())
        {
            var box = RenditionPlan.Box(item, crop);
            foreach (var width in urls.Widths(item, crop))
            {
                foreach (var format in Enum.GetValues<RenditionFormat>())
                {
                    var url = urls.Rendition(item, crop, width, format);
                    var bytes = await GetBytesAsync(client, url);
                    var header = ImageHeaderReader.Read(bytes);
                    Assert.Equal(format == RenditionFormat.WebP ? ImageFormat.WebP : ImageFormat.Jpeg, header?.Format);
                    Assert.Equal((width, RenditionPlan.Height(box, width)), (header!.Value.Width, header.Value.Height));
                    NoMetadata.Assert(bytes, url);
                    NoMetadata.AssertVipsSeesNone(bytes, url);
                    count++;
                }
            }
        }

        return count;
    }

    [Fact]
    public async Task APhoneJpegWithGpsAndOrientationSixIsTurnedUprightAndEveryRenditionIsWithoutMetadata()
    {
        PhotoFixtures.RequireVips();
        var fixture = PhotoFixtures.PhoneJpeg(600, 400, orientation: 6);
        var found = NoMetadata.Directories(fixture);
        foreach (var expected in new[] { "GpsDirectory", "ExifIfd0Directory", "ExifThumbnailDirectory", "XmpDirectory", "IptcDirectory", "JpegCommentDirectory", "IccDirectory" })
            Assert.Contains(expected, found); // the fixture really carries all of it

        using var site = MediaTestSite.Create();
        var result = await site.AddAsync(fixture);
        Assert.True(result.Succeeded, $"{result.Problem} {result.Detail}");
        var item = result.Item!;
        Assert.Equal(ImageFormat.Jpeg, item.SourceFormat);

        // Stored 600 × 400 on its side; orientation 6 means "turn 90° clockwise": upright it is 400 × 600.
        Assert.Equal((400, 600), (item.Width, item.Height));
        var original = site.Store().OriginalPath(item.StorageName);
        NoMetadata.Assert(await File.ReadAllBytesAsync(original), "the stored original");

        // The red quadrant was top-left in the stored pixels; turned clockwise it is top-right.
        Assert.True(PhotoFixtures.Pixel(original, 300, 100)[0] > 180, "top right should be red");
        Assert.True(PhotoFixtures.Pixel(original, 100, 100)[0] < 100, "top left should not be red");

        var renditions = await CheckEveryRenditionAsync(site, item);
        Assert.Equal(16, renditions); // 4 crops × widths 320 and 400 (the photo's own) × WebP and JPEG
        Assert.Equal(1, site.Counter().Normalised);

        // The upload's own name and bytes are nowhere on disk: only generated names.
        var files = MediaTestSite.FilesUnder(site.Store().Root);
        Assert.All(files, f => Assert.Matches("^(originals/[0-9a-f]{32}\\.jpg|cache/[0-9a-f]{32}/1/[a-z]+-[0-9]+\\.(webp|jpg))$", f));
    }

    [Fact]
    public async Task APngWithExifAndTextChunksStaysPngAndLosesThem()
    {
        PhotoFixtures.RequireVips();
        var fixture = PhotoFixtures.PngWithMetadata(320, 240);
        Assert.Superset(new HashSet<string> { "eXIf", "tEXt", "iTXt" }, PhotoFixtures.ChunkTypes(fixture).ToHashSet());

        using var site = MediaTestSite.Create();
        var item = (await site.AddAsync(fixture)).Item!;
        Assert.Equal((ImageFormat.Png, 320, 240), (item.SourceFormat, item.Width, item.Height));
        Assert.EndsWith(".png", item.StorageName);
        NoMetadata.Assert(await File.ReadAllBytesAsync(site.Store().OriginalPath(item.StorageName)), "the stored PNG original");
        await CheckEveryRenditionAsync(site, item);
    }

    [Fact]
    public async Task AHeicFromAPhoneIsAcceptedAndServedAsJpegAndWebPWithoutItsExif()
    {
        PhotoFixtures.RequireVips();
        var fixture = PhotoFixtures.Heic(640, 480);
        Assert.Equal(ImageFormat.Heif, ImageHeaderReader.Sniff(fixture));
        Assert.Equal((640, 480), (ImageHeaderReader.Read(fixture)!.Value.Width, ImageHeaderReader.Read(fixture)!.Value.Height));

        using var site = MediaTestSite.Create();
        var result = await site.AddAsync(fixture);
        Assert.True(result.Succeeded, $"{result.Problem} {result.Detail}");
        var item = result.Item!;
        Assert.Equal((ImageFormat.Heif, 640, 480), (item.SourceFormat, item.Width, item.Height));
        Assert.EndsWith(".jpg", item.StorageName); // browsers cannot show HEIC: the original is kept as JPEG
        NoMetadata.Assert(await File.ReadAllBytesAsync(site.Store().OriginalPath(item.StorageName)), "the original of the HEIC");
        await CheckEveryRenditionAsync(site, item);
    }

    [Fact]
    public async Task AWebPWithExifAndXmpIsAcceptedWithoutThem()
    {
        PhotoFixtures.RequireVips();
        var fixture = PhotoFixtures.WebP(500, 300);
        Assert.Contains("EXIF", System.Text.Encoding.Latin1.GetString(fixture));

        using var site = MediaTestSite.Create();
        var item = (await site.AddAsync(fixture)).Item!;
        Assert.Equal((ImageFormat.WebP, 500, 300), (item.SourceFormat, item.Width, item.Height));
        NoMetadata.Assert(await File.ReadAllBytesAsync(site.Store().OriginalPath(item.StorageName)), "the original of the WebP");
        await CheckEveryRenditionAsync(site, item);
    }

    [Fact]
    public async Task AJpgThatIsReallyAPngIsAcceptedAsPngUnderAGeneratedName()
    {
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create();

        // The library takes no file name at all; what the bytes are decides.
        var item = (await site.AddAsync(PhotoFixtures.Png(200, 150))).Item!;
        Assert.Equal(ImageFormat.Png, item.SourceFormat);
        Assert.Matches("^[0-9a-f]{32}\\.png$", item.StorageName);
        Assert.True(File.Exists(site.Store().OriginalPath(item.StorageName)));
    }

    [Fact]
    public async Task AJpegHeaderWithHtmlInsideIsRefusedWithoutReachingLibvips()
    {
        using var site = MediaTestSite.Create();
        var result = await site.AddAsync(PhotoFixtures.JpegHeaderWithHtml());

        Assert.False(result.Succeeded);
        Assert.Equal(UploadProblem.Unreadable, result.Problem);
        Assert.Equal(0, site.Counter().Normalised);
        Assert.Empty(MediaTestSite.FilesUnder(site.Store().Root));
        Assert.Equal(0, await site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.MediaItems)));
    }

    [Fact]
    public async Task APngHeaderClaimingThirtyThousandByThirtyThousandPixelsIsRefusedBeforeDecoding()
    {
        using var site = MediaTestSite.Create();
        var bomb = PhotoFixtures.PngClaiming(30_000, 30_000);
        Assert.True(bomb.Length < 100); // 900 megapixels claimed in a few bytes

        var result = await site.AddAsync(bomb);

        Assert.Equal(UploadProblem.TooManyPixels, result.Problem);
        Assert.Equal(0, site.Counter().Normalised); // libvips never saw it
        Assert.Empty(MediaTestSite.FilesUnder(site.Store().Root));
    }

    [Theory]
    [InlineData("GIF89a\x01\x00\x01\x00", UploadProblem.NotAccepted)]
    [InlineData("%PDF-1.7\n", UploadProblem.NotAccepted)]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", UploadProblem.NotAccepted)]
    [InlineData("", UploadProblem.Empty)]
    public async Task OtherFilesAreRefusedWithoutReachingLibvips(string content, UploadProblem problem)
    {
        using var site = MediaTestSite.Create();
        var result = await site.AddAsync(System.Text.Encoding.Latin1.GetBytes(content));
        Assert.Equal(problem, result.Problem);
        Assert.Equal(0, site.Counter().Normalised);
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRefusedWithoutReadingItAll()
    {
        using var site = new SiteFactory { TestServices = CountingProcessor.Register };
        site.Settings["Media:MaxBytes"] = "2048";
        _ = site.CreateClient();
        var result = await site.AddAsync(PhotoFixtures.PngClaiming(10, 10).Concat(new byte[4096]).ToArray());
        Assert.Equal(UploadProblem.TooLarge, result.Problem);
        Assert.Equal(0, site.Counter().Normalised);
    }

    [Fact]
    public async Task AltTextOrDecorativeAndTheChildrenQuestionAreRequiredAndYesNeedsConsent()
    {
        using var site = MediaTestSite.Create();
        var photo = PhotoFixtures.JpegHeaderWithHtml(); // never read: the details are refused first

        var noAlt = await site.AddAsync(photo, new PhotoDetails { ChildrenRecognisable = false });
        Assert.Contains(("alt", DetailProblem.AltTextOrDecorative), noAlt.DetailProblems);

        var unanswered = await site.AddAsync(photo, new PhotoDetails { IsDecorative = true });
        Assert.Contains(("childrenRecognisable", DetailProblem.ChildrenQuestionUnanswered), unanswered.DetailProblems);

        var noConsent = await site.AddAsync(photo, new PhotoDetails { AltText = "Kinderen", ChildrenRecognisable = true });
        Assert.Equal(
            [("consent.givenBy", DetailProblem.ConsentGivenByMissing), ("consent.date", DetailProblem.ConsentDateMissing), ("consent.use", DetailProblem.ConsentUseMissing)],
            noConsent.DetailProblems);

        var future = await site.AddAsync(photo, MediaTestSite.WithConsent() with { ConsentDate = new DateOnly(2027, 1, 1) });
        Assert.Contains(("consent.date", DetailProblem.ConsentDateInFuture), future.DetailProblems);
        Assert.Equal(0, site.Counter().Normalised);
    }
}
