using System.Buffers.Binary;
using System.Text;
using Buurtplatform.Web.Media;
using Microsoft.Extensions.Options;

namespace Buurtplatform.Tests.Media;

/// <summary>Format by content and pixel size from the header, for every accepted format; nothing is decoded.</summary>
public sealed class ImageHeaderTests
{
    private static byte[] Box(string type, params byte[][] content)
    {
        var body = content.SelectMany(c => c).ToArray();
        var box = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        body.CopyTo(box, 8);
        return box;
    }

    private static byte[] FullBox(string type, byte version, byte flags, params byte[][] content) => Box(type, [[version, 0, 0, flags], .. content]);

    private static byte[] U16(int v) => [(byte)(v >> 8), (byte)v];

    private static byte[] U32(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static byte[] Ispe(uint width, uint height) => FullBox("ispe", 0, 0, U32(width), U32(height));

    /// <summary>
    /// A HEIC as a phone writes it, reduced to its boxes: the primary item is a grid (4032 × 3024) of
    /// 512 × 512 tiles; ispe properties for both, linked to their items through ipma.
    /// </summary>
    private static byte[] HandBuiltHeic(string major = "heic", string[]? compatible = null, uint gridWidth = 4032, uint gridHeight = 3024, bool withIpma = true)
    {
        var ftyp = Box("ftyp", [Encoding.ASCII.GetBytes(major), U32(0), .. (compatible ?? ["mif1", "heic"]).Select(Encoding.ASCII.GetBytes)]);
        var ipco = Box("ipco", Box("hvcC", new byte[23]), Ispe(512, 512), Ispe(gridWidth, gridHeight));
        var ipma = FullBox("ipma", 0, 0, U32(2), U16(1), [1, 0x83], U16(2), [2, 0x81, 0x02]); // item 1 → property 3; item 2 → properties 1, 2
        var iprp = withIpma ? Box("iprp", ipco, ipma) : Box("iprp", ipco);
        var meta = FullBox("meta", 0, 0, FullBox("hdlr", 0, 0, U32(0), "pict"u8.ToArray(), new byte[12]), FullBox("pitm", 0, 0, U16(1)), iprp);
        return [.. ftyp, .. meta, .. Box("mdat", new byte[64])];
    }

    [Fact]
    public void TheHeifHeaderGivesThePrimaryItemsExtentNotATilesOne()
    {
        var header = ImageHeaderReader.Read(HandBuiltHeic());
        Assert.Equal(new ImageHeader(ImageFormat.Heif, 4032, 3024), header);
    }

    [Fact]
    public void WithoutItemAssociationsTheLargestExtentCounts()
    {
        Assert.Equal(new ImageHeader(ImageFormat.Heif, 4032, 3024), ImageHeaderReader.Read(HandBuiltHeic(withIpma: false)));
    }

    [Theory]
    [InlineData("heic", new[] { "mif1", "heic" })]
    [InlineData("heix", new[] { "mif1" })]
    [InlineData("mif1", new[] { "mif1", "miaf" })]
    [InlineData("msf1", new[] { "msf1", "hevc" })]
    public void HeifBrandsAreRecognised(string major, string[] compatible) =>
        Assert.Equal(ImageFormat.Heif, ImageHeaderReader.Sniff(HandBuiltHeic(major, compatible)));

    [Theory]
    [InlineData("avif", new[] { "mif1", "avif" })]
    [InlineData("mif1", new[] { "mif1", "avif" })] // a generic brand, but an AVIF
    [InlineData("isom", new[] { "isom", "mp41" })] // an MP4 video
    [InlineData("qt  ", new[] { "qt  " })]
    public void OtherIsoMediaFilesAreNotAccepted(string major, string[] compatible) =>
        Assert.Null(ImageHeaderReader.Sniff(HandBuiltHeic(major, compatible)));

    [Fact]
    public void AHeifClaimingTooManyPixelsIsRefusedByTheValidator()
    {
        var validator = new UploadValidator(Options.Create(new MediaOptions()));
        Assert.Equal(UploadProblem.TooManyPixels, validator.Check(HandBuiltHeic(gridWidth: 10_000, gridHeight: 10_000), out var header));
        Assert.Equal(10_000, header.Width);
        Assert.Null(validator.Check(HandBuiltHeic(), out _));
    }

    [Fact]
    public void AHeicMadeByLibvipsIsReadToo()
    {
        PhotoFixtures.RequireVips();
        Assert.Equal(new ImageHeader(ImageFormat.Heif, 300, 200), ImageHeaderReader.Read(PhotoFixtures.Heic(300, 200)));
    }

    [Fact]
    public void JpegPngAndWebPMadeByLibvipsAreReadFromTheirHeaders()
    {
        PhotoFixtures.RequireVips();
        var ppm = PhotoFixtures.Ppm(301, 199);
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 301, 199), ImageHeaderReader.Read(PhotoFixtures.PhoneJpeg(301, 199))); // SOF after EXIF, XMP, IPTC, COM, ICC
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 301, 199), ImageHeaderReader.Read(PhotoFixtures.Convert(ppm, ".ppm", ".jpg[interlace]"))); // progressive: SOF2
        Assert.Equal(new ImageHeader(ImageFormat.Png, 301, 199), ImageHeaderReader.Read(PhotoFixtures.PngWithMetadata(301, 199)));
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 301, 199), ImageHeaderReader.Read(PhotoFixtures.Convert(ppm, ".ppm", ".webp[Q=80]"))); // VP8
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 301, 199), ImageHeaderReader.Read(PhotoFixtures.Convert(ppm, ".ppm", ".webp[lossless]"))); // VP8L
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 301, 199), ImageHeaderReader.Read(PhotoFixtures.WebP(301, 199))); // VP8X (with EXIF)
    }

    [Fact]
    public void HandBuiltWebPHeadersGiveTheirSizes()
    {
        static byte[] Riff(string chunk, byte[] data) => [.. "RIFF"u8, .. U32(0), .. "WEBP"u8, .. Encoding.ASCII.GetBytes(chunk), .. BitConverter.GetBytes(data.Length), .. data];

        // VP8X: flags, 3 reserved, width-1 and height-1 as 24-bit little-endian: 16383 × 16383 is the most WebP allows.
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 16383, 16383), ImageHeaderReader.Read(Riff("VP8X", [0, 0, 0, 0, 0xFE, 0x3F, 0, 0xFE, 0x3F, 0])));

        // VP8L: signature 0x2F, then 14 bits width-1 and 14 bits height-1.
        var bits = (uint)(640 - 1) | ((uint)(480 - 1) << 14);
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 640, 480), ImageHeaderReader.Read(Riff("VP8L", [0x2F, .. BitConverter.GetBytes(bits), 0, 0, 0, 0, 0])));

        // VP8: a key frame's tag, the start code, then 14-bit width and height.
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 1024, 768), ImageHeaderReader.Read(Riff("VP8 ", [0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A, 0x00, 0x04, 0x00, 0x03])));
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 0, 0), ImageHeaderReader.Read(Riff("VP8 ", [0x10, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x03])));
    }

    [Fact]
    public void APngHeaderIsReadWithoutItsData()
    {
        Assert.Equal(new ImageHeader(ImageFormat.Png, 30_000, 30_000), ImageHeaderReader.Read(PhotoFixtures.PngClaiming(30_000, 30_000)));
    }

    [Fact]
    public void AJpegThatNeverReachesAFrameHeaderHasNoSize()
    {
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 0, 0), ImageHeaderReader.Read(PhotoFixtures.JpegHeaderWithHtml()));
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 0, 0), ImageHeaderReader.Read([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])); // cut off
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 0, 0), ImageHeaderReader.Read([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0, 0, 0, 0, 0, 0])); // scan first
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 0, 0), ImageHeaderReader.Read([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 8, 0, 0, 0, 0x10, 3, 0, 0, 0])); // height 0 (DNL)
    }

    [Theory]
    [InlineData("GIF89a")]
    [InlineData("BM")]
    [InlineData("%PDF-1.7")]
    [InlineData("<?xml version=\"1.0\"?><svg/>")]
    [InlineData("II*\0")] // TIFF
    [InlineData("RIFF\0\0\0\0WAVEfmt ")]
    public void OtherFormatsAreNotAccepted(string start) =>
        Assert.Null(ImageHeaderReader.Read(Encoding.Latin1.GetBytes(start.PadRight(64, '\0'))));
}

/// <summary>The arithmetic of crops and widths.</summary>
public sealed class RenditionPlanTests
{
    [Theory]
    [InlineData(0.5, 200)] // centred
    [InlineData(0.0, 0)] // at the edge: as far as it goes
    [InlineData(1.0, 400)]
    [InlineData(0.8, 400)] // 0.8 × 1000 − 300 = 500 would cross the right edge
    [InlineData(0.35, 50)]
    public void ASquareCropOfAWidePhotoIsCentredOnTheFocalPointAsFarAsTheEdgesAllow(double x, int expectedX)
    {
        // 1000 × 600: the square is 600 × 600, its centre at x · 1000 where the edges allow.
        Assert.Equal(new CropBox(expectedX, 0, 600, 600), RenditionPlan.Box(1000, 600, (1, 1), x, 0.9));
    }

    [Fact]
    public void ABannerOfATallPhotoTakesTheFullWidthAroundTheFocalHeight()
    {
        var box = RenditionPlan.Box(900, 1600, (16, 9), 0.5, 0.25);
        Assert.Equal(new CropBox(0, 147, 900, 506), box); // 900 × 506 (16:9), centred on y = 0.25 × 1600 = 400: 400 − 253
    }

    [Fact]
    public void WidthsAreNeverWiderThanThePhotoAndEndWithItsOwnWidth()
    {
        int[] configured = [320, 640, 960, 1280, 1920];
        Assert.Equal([320, 640, 960, 1280, 1920], RenditionPlan.Widths(new CropBox(0, 0, 4000, 3000), configured));
        Assert.Equal([320, 640, 960, 1280, 1920], RenditionPlan.Widths(new CropBox(0, 0, 1920, 1080), configured));
        Assert.Equal([320, 640, 960, 1000], RenditionPlan.Widths(new CropBox(0, 0, 1000, 750), configured));
        Assert.Equal([200], RenditionPlan.Widths(new CropBox(0, 0, 200, 150), configured));
    }

    [Fact]
    public void HeightsKeepTheBoxRatio()
    {
        Assert.Equal(480, RenditionPlan.Height(new CropBox(0, 0, 4000, 3000), 640));
        Assert.Equal(360, RenditionPlan.Height(new CropBox(0, 0, 1600, 900), 640));
        Assert.Equal(563, RenditionPlan.Height(new CropBox(0, 0, 1000, 880), 640));
    }

    [Fact]
    public void TheScaledBoxStaysInsideTheScaledImage()
    {
        // 4000 × 3000 scaled to 1281 × 961 (one pixel spare); a right-edge banner box 4000 × 2250 at y = 750.
        var box = RenditionPlan.ScaleBox(new CropBox(0, 750, 4000, 2250), 4000, 3000, 1281, 961, 1280, 720);
        Assert.Equal(new CropBox(0, 240, 1280, 720), box);
        Assert.True(box.Y + box.Height <= 961);
        Assert.Equal(1281, RenditionPlan.ScaledSourceWidth(new CropBox(0, 750, 4000, 2250), 4000, 1280));
        Assert.Equal(400, RenditionPlan.ScaledSourceWidth(new CropBox(0, 0, 400, 300), 400, 400)); // never larger than the photo
    }

    [Fact]
    public void CustomSizesAreCanonicalAndNeverEnlarge()
    {
        var item = new MediaItem { Width = 800, Height = 600, FocalX = 0.5, FocalY = 0.5 };
        Assert.Equal("format=webp&height=300&rmode=crop&width=400", new CustomSize(400, 300, ResizeMode.Crop, RenditionFormat.WebP).CanonicalQuery);
        Assert.Equal("format=jpg&rmode=max&width=400", new CustomSize(400, null, ResizeMode.Max, RenditionFormat.Jpeg).CanonicalQuery);

        var crop = new CustomSize(1600, 400, ResizeMode.Crop, RenditionFormat.Jpeg).Job(item, 80);
        Assert.Equal((800, 200), (crop.Width, crop.Height)); // the 4:1 box is 800 × 200: shrunk, same shape
        var max = new CustomSize(400, 400, ResizeMode.Max, RenditionFormat.Jpeg).Job(item, 80);
        Assert.Equal((400, 300), (max.Width, max.Height));
    }

    [Fact]
    public void StrippingAWebPKeepsTheImageChunksAndClearsTheFlags()
    {
        byte[] Chunk(string type, byte[] data) => [.. Encoding.ASCII.GetBytes(type), .. BitConverter.GetBytes(data.Length), .. data, .. data.Length % 2 == 1 ? new byte[] { 0 } : []];
        byte[] vp8x = [0x2C, 0, 0, 0, 1, 0, 0, 1, 0, 0]; // ICC, EXIF and XMP flags set
        var body = new[] { Chunk("VP8X", vp8x), Chunk("ICCP", new byte[5]), Chunk("VP8 ", [1, 2, 3]), Chunk("EXIF", new byte[7]), Chunk("XMP ", new byte[4]) }.SelectMany(c => c).ToArray();
        byte[] file = [.. "RIFF"u8, .. BitConverter.GetBytes(body.Length + 4), .. "WEBP"u8, .. body];

        var stripped = WebPChunks.WithoutMetadata(file);
        var text = Encoding.Latin1.GetString(stripped);
        Assert.DoesNotContain("EXIF", text);
        Assert.DoesNotContain("XMP ", text);
        Assert.DoesNotContain("ICCP", text);
        Assert.Contains("VP8 ", text);
        Assert.Equal(0, stripped[20]); // VP8X flags cleared
        Assert.Equal(stripped.Length - 8, BitConverter.ToInt32(stripped, 4));
    }
}
