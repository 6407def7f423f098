namespace Buurtplatform.Web.Media;

/// <summary>Photo settings (section <c>Media</c>). Defaults in code; configuration overrides them; checked on start.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Largest upload accepted, in bytes. Default 25 MB (26,214,400): a phone's HEIC or JPEG is 2–8 MB.</summary>
    public long MaxBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// Largest pixel count accepted, in megapixels, read from the file's header before anything decodes it,
    /// so a decompression bomb (a small file that claims a huge image) is refused unopened. Default 50.
    /// </summary>
    public double MaxMegapixels { get; set; } = 50;

    /// <summary>The standard rendition widths when none are configured.</summary>
    public static readonly IReadOnlyList<int> DefaultWidths = [320, 640, 960, 1280, 1920];

    /// <summary>
    /// Widths of the standard renditions, ascending. Default 320, 640, 960, 1280, 1920 (<see cref="DefaultWidths"/>).
    /// Null in code because the configuration binder appends to an array that has values: configured widths replace the default.
    /// </summary>
    public int[]? Widths { get; set; }

    /// <summary>The widths in force: the configured ones, or the default.</summary>
    public IReadOnlyList<int> RenditionWidths => Widths is { Length: > 0 } configured ? configured : DefaultWidths;

    /// <summary>The <c>vips</c> command: a name looked up on PATH or a full path. Default <c>vips</c> (Debian <c>libvips-tools</c>).</summary>
    public string VipsPath { get; set; } = "vips";

    /// <summary>How long one vips run may take before its process tree is killed. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many vips processes may run at once. Default: the number of processors.</summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Key for signing custom-size URLs (HMAC-SHA256), base64, at least 32 bytes. Default none: then a key is
    /// generated on first start and kept in the database, encrypted with data protection, for every node.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Where originals are kept: <c>FileSystem</c> (default: under <see cref="StoragePath"/>; one node, or nodes
    /// that share that folder) or <c>Database</c> (in the database, so every node of a cluster has them).
    /// Renditions are always cached on each node's own disk.
    /// </summary>
    public MediaStoreKind Store { get; set; } = MediaStoreKind.FileSystem;

    /// <summary>Folder for originals (file-system store), rendition cache and work files, relative to <c>Site:DataPath</c>. Default <c>media</c>.</summary>
    public string StoragePath { get; set; } = "media";

    /// <summary>Largest width a custom-size URL may ask for, in pixels. Default 2560.</summary>
    public int MaxCustomWidth { get; set; } = 2560;

    /// <summary>Largest height a custom-size URL may ask for, in pixels. Default 2560.</summary>
    public int MaxCustomHeight { get; set; } = 2560;

    /// <summary>JPEG quality of renditions (1–100). Default 82.</summary>
    public int JpegQuality { get; set; } = 82;

    /// <summary>WebP quality of renditions (1–100). Default 78: about the look of JPEG 82 at two thirds of the bytes.</summary>
    public int WebpQuality { get; set; } = 78;

    /// <summary>JPEG quality of the stored original after rotation and stripping (1–100). Default 92.</summary>
    public int OriginalQuality { get; set; } = 92;

    /// <summary>The checks run on start; each message names the setting and what it must be.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxBytes < 1024)
            yield return "Media:MaxBytes must be at least 1024 bytes";
        if (MaxMegapixels is <= 0 or > 500)
            yield return "Media:MaxMegapixels must be more than 0 and at most 500";
        if (RenditionWidths.Any(w => w is < 16 or > 10_000) || !RenditionWidths.SequenceEqual(RenditionWidths.Order().Distinct()))
            yield return "Media:Widths must be one or more distinct widths from 16 to 10000 pixels, ascending";
        if (string.IsNullOrWhiteSpace(VipsPath))
            yield return "Media:VipsPath must name the vips command (default: vips)";
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(30))
            yield return "Media:Timeout must be more than zero and at most 30 minutes";
        if (Concurrency is < 1 or > 256)
            yield return "Media:Concurrency must be from 1 to 256";
        if (SigningKey is not null && !IsStrongKey(SigningKey))
            yield return "Media:SigningKey must be base64 of at least 32 random bytes (or leave it out: a key is generated and kept in the database)";
        if (string.IsNullOrWhiteSpace(StoragePath))
            yield return "Media:StoragePath must not be empty";
        if (MaxCustomWidth is < 16 or > 10_000 || MaxCustomHeight is < 16 or > 10_000)
            yield return "Media:MaxCustomWidth and Media:MaxCustomHeight must be from 16 to 10000 pixels";
        if (RenditionWidths[^1] > MaxCustomWidth)
            yield return "Media:Widths must not go beyond Media:MaxCustomWidth";
        if (JpegQuality is < 1 or > 100 || WebpQuality is < 1 or > 100 || OriginalQuality is < 1 or > 100)
            yield return "Media:JpegQuality, Media:WebpQuality and Media:OriginalQuality must be from 1 to 100";
    }

    internal static bool IsStrongKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length >= 32;
    }
}
