using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.Media;

/// <summary>
/// Test photos, made by the tests: pixels written as PPM and encoded by vips itself, metadata (EXIF with GPS
/// and orientation, XMP, IPTC, comments, an embedded thumbnail, PNG text chunks) written byte by byte and
/// spliced in. No binary fixtures in git.
/// </summary>
public static class PhotoFixtures
{
    /// <summary>A caption naming a family, written into XMP, IPTC, the JPEG comment and PNG text: text that must not reach the site.</summary>
    public const string SecretCaption = "Kinderen van de familie Jansen bij de boerderij";

    public static bool VipsAvailable { get; } = Run("vips", ["--version"], throwOnError: false) is not null;

    public static void RequireVips() => TestEnvironment.Require(VipsAvailable, "libvips (the vips command, Debian package libvips-tools)");

    /// <summary>
    /// W × H pixels: the top-left quadrant red, the rest a blue-green gradient with a little texture, so
    /// rotation can be seen in the pixels and the encoders have something to encode.
    /// </summary>
    public static byte[] Ppm(int width, int height)
    {
        var header = Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n");
        var data = new byte[header.Length + width * height * 3];
        header.CopyTo(data, 0);
        var i = header.Length;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var red = x < width / 2 && y < height / 2;
                var texture = (byte)(((x * 7) ^ (y * 13)) & 15);
                data[i++] = red ? (byte)230 : texture;
                data[i++] = red ? (byte)20 : (byte)(60 + (120 * y / height) + texture);
                data[i++] = red ? (byte)20 : (byte)(100 + (140 * x / width));
            }
        }

        return data;
    }

    /// <summary>Converts with vips: the output file's extension and [options] choose the format.</summary>
    public static byte[] Convert(byte[] input, string inputExtension, string outputSpec)
    {
        var dir = Directory.CreateTempSubdirectory("bp-fixture-").FullName;
        try
        {
            var inPath = Path.Combine(dir, "in" + inputExtension);
            File.WriteAllBytes(inPath, input);
            var bracket = outputSpec.IndexOf('[', StringComparison.Ordinal);
            var outName = "out" + (bracket < 0 ? outputSpec : outputSpec[..bracket]);
            var options = bracket < 0 ? "" : outputSpec[bracket..];
            Run("vips", ["copy", inPath, Path.Combine(dir, outName) + options]);
            return File.ReadAllBytes(Path.Combine(dir, outName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static byte[] Jpeg(int width, int height) => Convert(Ppm(width, height), ".ppm", ".jpg[Q=90]");

    public static byte[] Png(int width, int height) => Convert(Ppm(width, height), ".ppm", ".png");

    /// <summary>
    /// A phone-like JPEG: EXIF with Orientation and a GPS position and an embedded thumbnail, XMP with a GPS
    /// position, IPTC with a caption, a JPEG comment and an ICC profile. The pixels are stored sideways
    /// (<paramref name="width"/> × <paramref name="height"/>); orientation 6 says "turn 90° clockwise to view".
    /// </summary>
    public static byte[] PhoneJpeg(int width, int height, int orientation = 6)
    {
        var plain = Convert(Ppm(width, height), ".ppm", ".jpg[Q=90,profile=srgb]");
        var thumbnail = Convert(Ppm(16, 12), ".ppm", ".jpg[Q=70,strip]");
        return Splice(plain, [App1Exif(Exif(orientation, gps: true, thumbnail)), App1Xmp(), App13Iptc(), Comment(SecretCaption)]);
    }

    /// <summary>A PNG with an eXIf chunk (GPS), a tEXt comment and an iTXt XMP packet.</summary>
    public static byte[] PngWithMetadata(int width, int height)
    {
        var png = Png(width, height);
        var chunks = new[]
        {
            Chunk("eXIf", Exif(orientation: 1, gps: true, thumbnail: null)),
            Chunk("tEXt", [.. Encoding.Latin1.GetBytes("Comment"), 0, .. Encoding.Latin1.GetBytes(SecretCaption)]),
            Chunk("iTXt", [.. "XML:com.adobe.xmp"u8, 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(Xmp)]),
        };
        var idat = FindChunk(png, "IDAT");
        return [.. png[..idat], .. chunks.SelectMany(c => c), .. png[idat..]];
    }

    /// <summary>A HEIC made by vips (libheif with x265) from a JPEG with EXIF and GPS, which it carries along.</summary>
    public static byte[] Heic(int width, int height) => Convert(PhoneJpeg(width, height, orientation: 1), ".jpg", ".heic[compression=hevc,Q=60]");

    /// <summary>A WebP made by vips from a JPEG with EXIF and GPS and XMP, which it carries along.</summary>
    public static byte[] WebP(int width, int height) => Convert(PhoneJpeg(width, height, orientation: 1), ".jpg", ".webp[Q=80]");

    /// <summary>The first bytes of a JPEG (SOI, APP0 JFIF), then an HTML page with a script.</summary>
    public static byte[] JpegHeaderWithHtml() =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
        .. "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8,
    ];

    /// <summary>A PNG whose IHDR claims <paramref name="width"/> × <paramref name="height"/> pixels: a decompression bomb's header.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        byte[] idat = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]; // a few deflated zero bytes
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];
    }

    private const string Xmp =
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        + " exif:GPSLatitude=\"52,29.064N\" exif:GPSLongitude=\"6,6.12E\"><dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">"
        + SecretCaption + "</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>";

    /// <summary>
    /// A little-endian TIFF structure as EXIF holds it: IFD0 (Make, Orientation, GPS pointer), the GPS IFD
    /// (version, latitude and longitude of Zwolle-Zuid), and IFD1 with an embedded JPEG thumbnail.
    /// </summary>
    public static byte[] Exif(int orientation, bool gps, byte[]? thumbnail)
    {
        var t = new List<byte>();
        void U16(int v) => t.AddRange(BitConverter.GetBytes((ushort)v));
        void U32(int v) => t.AddRange(BitConverter.GetBytes((uint)v));
        void Entry(int tag, int type, int count, int value)
        {
            U16(tag);
            U16(type);
            U32(count);
            U32(value);
        }

        const int ifd0 = 8;
        const int ifd0Entries = 3;
        const int makeAt = ifd0 + 2 + (12 * ifd0Entries) + 4; // 50
        const int gpsAt = makeAt + 10; // "BuurtCam\0" + pad
        const int gpsEntries = 5;
        const int latAt = gpsAt + 2 + (12 * gpsEntries) + 4;
        const int lonAt = latAt + 24;
        const int ifd1 = lonAt + 24;
        const int thumbAt = ifd1 + 2 + (12 * 3) + 4;

        t.AddRange("II"u8);
        U16(42);
        U32(ifd0);

        U16(ifd0Entries);
        Entry(0x010F, 2, 9, makeAt); // Make, ASCII
        Entry(0x0112, 3, 1, orientation); // Orientation, SHORT (inline)
        Entry(0x8825, 4, 1, gps ? gpsAt : 0); // GPS IFD pointer
        U32(thumbnail is null ? 0 : ifd1);
        t.AddRange("BuurtCam\0\0"u8);

        U16(gpsEntries);
        Entry(0x0000, 1, 4, 0x00000302); // GPSVersionID 2.3.0.0
        Entry(0x0001, 2, 2, 'N'); // GPSLatitudeRef "N\0"
        Entry(0x0002, 5, 3, latAt); // GPSLatitude, 3 RATIONAL
        Entry(0x0003, 2, 2, 'E');
        Entry(0x0004, 5, 3, lonAt);
        U32(0);
        foreach (var (n, d) in new[] { (52, 1), (29, 1), (384, 100), (6, 1), (6, 1), (72, 10) })
        {
            U32(n);
            U32(d);
        }

        if (thumbnail is not null)
        {
            U16(3);
            Entry(0x0103, 3, 1, 6); // Compression: JPEG
            Entry(0x0201, 4, 1, thumbAt); // JPEGInterchangeFormat
            Entry(0x0202, 4, 1, thumbnail.Length); // JPEGInterchangeFormatLength
            U32(0);
            t.AddRange(thumbnail);
        }

        return [.. t];
    }

    private static byte[] Segment(byte marker, byte[] body)
    {
        var segment = new byte[4 + body.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(body.Length + 2));
        body.CopyTo(segment, 4);
        return segment;
    }

    private static byte[] App1Exif(byte[] tiff) => Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]);

    private static byte[] App1Xmp() => Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(Xmp)]);

    private static byte[] Comment(string text) => Segment(0xFE, Encoding.UTF8.GetBytes(text));

    /// <summary>Photoshop's APP13 with an IPTC-IIM block: record version and a caption (2:120).</summary>
    private static byte[] App13Iptc()
    {
        var caption = Encoding.UTF8.GetBytes(SecretCaption);
        byte[] iptc = [0x1C, 0x02, 0x00, 0x00, 0x02, 0x00, 0x04, 0x1C, 0x02, 0x78, (byte)(caption.Length >> 8), (byte)caption.Length, .. caption];
        if (iptc.Length % 2 == 1)
            iptc = [.. iptc, 0];
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)iptc.Length);
        return Segment(0xED, [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0x00, 0x00, .. size, .. iptc]);
    }

    /// <summary>Inserts segments after SOI and the JFIF APP0 segment, where cameras put theirs.</summary>
    private static byte[] Splice(byte[] jpeg, byte[][] segments)
    {
        var at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        return [.. jpeg[..at], .. segments.SelectMany(s => s), .. jpeg[at..]];
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32([.. typeBytes, .. data]));
        return chunk;
    }

    /// <summary>The offset of the first chunk of a type in a PNG.</summary>
    public static int FindChunk(byte[] png, string type)
    {
        var i = 8;
        while (i + 8 <= png.Length)
        {
            if (Encoding.ASCII.GetString(png, i + 4, 4) == type)
                return i;
            i += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(i));
        }

        return -1;
    }

    /// <summary>The chunk types of a PNG, in order.</summary>
    public static List<string> ChunkTypes(byte[] png)
    {
        var types = new List<string>();
        var i = 8;
        while (i + 8 <= png.Length)
        {
            types.Add(Encoding.ASCII.GetString(png, i + 4, 4));
            i += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(i));
        }

        return types;
    }

    /// <summary>PNG's CRC-32 (ISO 3309, the one zlib uses).</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }

        return ~crc;
    }

    /// <summary>The pixel at (x, y) as vips reads it ("R G B").</summary>
    public static int[] Pixel(string file, int x, int y) =>
        Run("vips", ["getpoint", file, x.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture)])!
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(v => (int)Math.Round(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    public static string? Run(string file, IEnumerable<string> args, bool throwOnError = true)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                return throwOnError ? throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed: {error}") : null;
            return output.Result;
        }
        catch (System.ComponentModel.Win32Exception) when (!throwOnError)
        {
            return null;
        }
    }
}
