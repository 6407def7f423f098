using System.Text;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Photoshop;
using MetadataExtractor.Formats.Xmp;

namespace Buurtplatform.Tests.Media;

/// <summary>Proves a file carries no metadata: MetadataExtractor's view, and the raw containers checked too.</summary>
public static class NoMetadata
{
    /// <summary>The directories MetadataExtractor finds, by type name (for the fixtures' sanity checks).</summary>
    public static List<string> Directories(byte[] file)
    {
        using var stream = new MemoryStream(file);
        return ImageMetadataReader.ReadMetadata(stream).Select(d => d.GetType().Name).ToList();
    }

    public static void Assert(byte[] file, string what)
    {
        using var stream = new MemoryStream(file);
        var directories = ImageMetadataReader.ReadMetadata(stream);
        var forbidden = directories.Where(d => d is ExifDirectoryBase or GpsDirectory or ExifThumbnailDirectory or XmpDirectory
            or IptcDirectory or IccDirectory or JpegCommentDirectory or PhotoshopDirectory).Select(d => d.Name).ToList();
        Xunit.Assert.True(forbidden.Count == 0, $"{what} still carries: {string.Join(", ", forbidden)}");
        var textTags = directories.SelectMany(d => d.Tags).Where(t => t.Name.Contains("Textual", StringComparison.OrdinalIgnoreCase)
            || t.Name.Contains("Comment", StringComparison.OrdinalIgnoreCase) || t.Name.Contains("GPS", StringComparison.OrdinalIgnoreCase)).Select(t => $"{t.DirectoryName}/{t.Name}").ToList();
        Xunit.Assert.True(textTags.Count == 0, $"{what} still carries: {string.Join(", ", textTags)}");

        // The containers themselves, in case a reader skips something.
        var latin1 = Encoding.Latin1.GetString(file);
        foreach (var marker in new[] { "Exif\0\0", "http://ns.adobe.com/xap", "Photoshop 3.0", "ICC_PROFILE", "BuurtCam", PhotoFixtures.SecretCaption })
            Xunit.Assert.False(latin1.Contains(marker, StringComparison.Ordinal), $"{what} contains '{marker.TrimEnd('\0')}'");
        if (file.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }))
            Xunit.Assert.Empty(PhotoFixtures.ChunkTypes(file).Intersect(["eXIf", "tEXt", "iTXt", "zTXt", "iCCP", "tIME"]));
        if (latin1.StartsWith("RIFF", StringComparison.Ordinal))
        {
            foreach (var chunk in new[] { "EXIF", "XMP ", "ICCP" })
                Xunit.Assert.False(latin1.Contains(chunk, StringComparison.Ordinal), $"{what} has a WebP {chunk} chunk");
        }
    }

    /// <summary>A second opinion: libvips decodes the file and lists no metadata fields.</summary>
    public static void AssertVipsSeesNone(byte[] file, string what)
    {
        var path = Path.Combine(Path.GetTempPath(), "bp-meta-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, file);
        try
        {
            var fields = PhotoFixtures.Run("vipsheader", ["-a", path])!;
            foreach (var name in new[] { "exif-", "xmp-data", "iptc-data", "icc-profile-data", "gps" })
                Xunit.Assert.False(fields.Contains(name, StringComparison.OrdinalIgnoreCase), $"{what}: vipsheader lists {name}:\n{fields}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
