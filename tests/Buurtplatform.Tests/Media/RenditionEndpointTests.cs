using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Media;

/// <summary>The rendition URLs: headers, what answers 404, signed custom sizes, the disk cache.</summary>
public sealed class RenditionEndpointTests
{
    private static async Task<(SiteFactory Site, MediaItem Item)> SiteWithPhotoAsync(int width = 800, int height = 600)
    {
        PhotoFixtures.RequireVips();
        var site = MediaTestSite.Create();
        var result = await site.AddAsync(PhotoFixtures.Jpeg(width, height), MediaTestSite.Details(x: 0.8, y: 0.2));
        Assert.True(result.Succeeded, $"{result.Problem} {result.Detail}");
        return (site, result.Item!);
    }

    [Fact]
    public async Task ARenditionIsServedWithItsTypeNosniffANoneCspAndAYearOfCaching()
    {
        var (site, item) = await SiteWithPhotoAsync();
        using var _ = site;
        var client = site.CreateClient();

        foreach (var (format, type) in new[] { (RenditionFormat.WebP, "image/webp"), (RenditionFormat.Jpeg, "image/jpeg") })
        {
            var response = await client.GetAsync(site.Urls().Rendition(item, PhotoCrop.Card, 640, format));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            var cache = response.Headers.CacheControl!;
            Assert.True(cache.Private && !cache.Public, "private: no shared cache keeps serving it after consent is withdrawn");
            Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
            Assert.Contains(cache.Extensions, e => e.Name == "immutable");
            var header = ImageHeaderReader.Read(await response.Content.ReadAsByteArrayAsync())!.Value;
            Assert.Equal((640, 480), (header.Width, header.Height));
        }
    }

    [Fact]
    public async Task ACropKeepsTheFocalPointInView()
    {
        // 800 × 600 with the focal point at (0.8, 0.2): the square crop (600 × 600) is pushed to the right edge.
        var (site, item) = await SiteWithPhotoAsync();
        using var _ = site;
        Assert.Equal(new CropBox(200, 0, 600, 600), RenditionPlan.Box(item, PhotoCrop.Square));

        var bytes = await site.CreateClient().GetByteArrayAsync(site.Urls().Rendition(item, PhotoCrop.Square, 320, RenditionFormat.Jpeg));
        var file = Path.Combine(Path.GetTempPath(), $"bp-square-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            // The red quadrant (x < 400, y < 300) starts at x = 200 in the crop: half of the crop's top-left quarter is red.
            Assert.True(PhotoFixtures.Pixel(file, 40, 40)[0] > 180, "the crop's top left should be red");
            Assert.True(PhotoFixtures.Pixel(file, 200, 40)[0] < 100, "right of the red quadrant should not be red");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("card-641.webp")] // a width that is not offered
    [InlineData("card-1920.webp")] // wider than the photo: never enlarged
    [InlineData("wide-640.webp")] // no such crop
    [InlineData("card-640.gif")]
    [InlineData("card-640.webp.jpg")]
    [InlineData("..%2F..%2Fbuurtplatform.db")]
    public async Task RenditionsThatAreNotOfferedAnswer404(string file)
    {
        var (site, item) = await SiteWithPhotoAsync();
        using var _ = site;
        var response = await site.CreateClient().GetAsync($"{MediaUrls.BasePath(item.Key, item.Version)}/{file}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, site.Counter().Rendered);
    }

    [Fact]
    public async Task TheOriginalIsNeverServedAndOtherVersionsOrKeysAnswer404()
    {
        var (site, item) = await SiteWithPhotoAsync();
        using var _ = site;
        var client = site.CreateClient();
        var good = site.Urls().Rendition(item, PhotoCrop.Card, 320, RenditionFormat.Jpeg);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(good)).StatusCode);

        foreach (var url in new[]
        {
            $"{MediaUrls.BasePath(item.Key, item.Version)}/{item.StorageName}",
            $"/media/originals/{item.StorageName}",
            $"/media/{item.StorageName}",
            good.Replace($"/{item.Version}/", $"/{item.Version + 1}/", StringComparison.Ordinal),
            good.Replace(item.Key.ToString("N"), Guid.NewGuid().ToString("N"), StringComparison.Ordinal),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task ASignedCustomSizeIsServedAtThatSize()
    {
        var (site, item) = await SiteWithPhotoAsync();
        using var _ = site;
        var client = site.CreateClient();

        var crop = site.Urls().Custom(item, new CustomSize(400, 100, ResizeMode.Crop, RenditionFormat.WebP));
        Assert.Matches("^/media/[0-9a-f]{32}/1\\?format=webp&height=100&rmode=crop&width=400&hmac=[A-Za-z0-9_-]{43}$", crop);
        var response = await client.GetAsync(crop);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var header = ImageHeaderReader.Read(await response.Content.ReadAsByteArrayAsync())!.Value;
        Assert.Equal((400, 100), (header.Width, header.Height));

        var max = site.Urls().Custom(item, new CustomSize(300, 300, ResizeMode.Max, RenditionFormat.Jpeg));
        header = ImageHeaderReader.Read(await client.GetByteArrayAsync(max))!.Value;
        Assert.Equal((ImageFormat.Jpeg, 300, 225), (header.Format, header.Width, header.Height));

        // Asking for more than the photo has gives the photo's own size, never an enlargement.
        var big = site.Urls().Custom(item, new CustomSize(2000, null, ResizeMode.Max, RenditionFormat.Jpeg));
        header = ImageHeaderReader.Read(await client.GetByteArrayAsync(big))!.Value;
        Assert.Equal((800, 600), (header.Width, header.Height));
    }

    [Fact]
    public async Task UnsignedOrTamperedCustomSizesAre403AndMakeNothing()
    {
        var (site, item) = await SiteWithPhotoAsync();
        using var _ = site;
        var client = site.CreateClient();
        var signed = site.Urls().Custom(item, new CustomSize(400, 300, ResizeMode.Crop, RenditionFormat.WebP));
        var path = MediaUrls.BasePath(item.Key, item.Version);
        var other = (await site.AddAsync(PhotoFixtures.Jpeg(300, 200))).Item!;
        var otherSigned = site.Urls().Custom(other, new CustomSize(400, 300, ResizeMode.Crop, RenditionFormat.WebP));

        foreach (var url in new[]
        {
            path + "?width=400&height=300&rmode=crop&format=webp", // no signature
            signed.Replace("width=400", "width=401", StringComparison.Ordinal), // changed size
            signed.Replace("format=webp", "format=jpg", StringComparison.Ordinal),
            signed.Replace("rmode=crop", "rmode=max", StringComparison.Ordinal),
            signed + "&quality=100", // an extra key
            signed + "&width=400", // a repeated key
            signed.Replace("width=400", "width=0400", StringComparison.Ordinal), // another spelling
            signed[..^5] + "AAAAA", // a damaged signature
            path + otherSigned[otherSigned.IndexOf('?', StringComparison.Ordinal)..], // another photo's signature
            signed.Replace($"/{item.Version}?", $"/{item.Version + 1}?", StringComparison.Ordinal), // another version
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }

        Assert.Equal(0, site.Counter().Rendered);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(signed)).StatusCode);
    }

    [Fact]
    public async Task CustomSizesHaveMaximums()
    {
        var (site, item) = await SiteWithPhotoAsync();
        using var _ = site;

        // The site never signs a size over the maximum…
        Assert.Throws<ArgumentOutOfRangeException>(() => site.Urls().Custom(item, new CustomSize(2561, null, ResizeMode.Max, RenditionFormat.Jpeg)));
        Assert.Throws<ArgumentOutOfRangeException>(() => site.Urls().Custom(item, new CustomSize(100, 2561, ResizeMode.Crop, RenditionFormat.Jpeg)));

        // …and a validly signed one over it (say, signed before the maximum was lowered) is refused too.
        var signer = site.Services.GetRequiredService<MediaUrlSigner>();
        var path = MediaUrls.BasePath(item.Key, item.Version);
        var query = new CustomSize(5000, null, ResizeMode.Max, RenditionFormat.Jpeg).CanonicalQuery;
        var response = await site.CreateClient().GetAsync($"{path}?{query}&hmac={signer.Sign(path + "?" + query)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, site.Counter().Rendered);
    }

    [Fact]
    public async Task TheSigningKeyIsGeneratedIntoTheDatabaseOnceEncryptedAndAConfiguredKeyWins()
    {
        var (site, item) = await SiteWithPhotoAsync();
        using var _ = site;
        var stored = await site.WithDbAsync(db => db.SiteSecrets.AsNoTracking().SingleAsync(s => s.Name == MediaUrlSigner.SecretName));
        Assert.True(Convert.FromBase64String(stored.ProtectedValue).Length > 32); // data-protected, not the bare key
        Assert.False(File.Exists(Path.Combine(site.DataDir, "media-signing.key")));
        var url = site.Urls().Custom(item, new CustomSize(200, null, ResizeMode.Max, RenditionFormat.Jpeg));

        // The same database after a restart: the same key, so URLs on cached pages keep working.
        using var restarted = site.WithWebHostBuilder(_ => { });
        Assert.Equal(HttpStatusCode.OK, (await restarted.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(stored.ProtectedValue, await site.WithDbAsync(db => db.SiteSecrets.Where(s => s.Name == MediaUrlSigner.SecretName).Select(s => s.ProtectedValue).SingleAsync()));

        // A configured key replaces the stored one: the old signature no longer counts.
        using var configured = site.WithWebHostBuilder(b => b.UseSetting("Media:SigningKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray())));
        Assert.Equal(HttpStatusCode.Forbidden, (await configured.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task RenditionsAreMadeOnceAndServedFromDiskAlsoAfterARestart()
    {
        var (site, item) = await SiteWithPhotoAsync();
        using var _ = site;
        var url = site.Urls().Rendition(item, PhotoCrop.Banner, 640, RenditionFormat.WebP);
        var client = site.CreateClient();

        // Ten requests at once for a rendition that does not exist yet: one vips run.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync(url)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, site.Counter().Rendered);
        var cached = Path.Combine(site.Store().RenditionFolder(item.Key, item.Version), "banner-640.webp");
        Assert.True(File.Exists(cached));

        // A restarted site on the same data folder, with libvips gone: the rendition comes from disk.
        using var restarted = site.WithWebHostBuilder(b => b.UseSetting("Media:VipsPath", "/nonexistent/vips"));
        var again = await restarted.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(cached), await again.Content.ReadAsByteArrayAsync());

        // …while one it has not made yet cannot be made now.
        var missing = await restarted.CreateClient().GetAsync(site.Urls().Rendition(item, PhotoCrop.Banner, 320, RenditionFormat.WebP));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.StatusCode);
    }
}
