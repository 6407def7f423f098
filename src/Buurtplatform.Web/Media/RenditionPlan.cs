namespace Buurtplatform.Web.Media;

/// <summary>The crops the pages use. <see cref="Full"/> keeps the photo's own shape.</summary>
public enum PhotoCrop
{
    Full,
    Card,
    Banner,
    Square,
}

public enum RenditionFormat
{
    WebP,
    Jpeg,
}

/// <summary>A rectangle in the stored original's pixels.</summary>
public readonly record struct CropBox(int X, int Y, int Width, int Height);

/// <summary>One rendition to make: which part of the original, at what size, in what format.</summary>
public sealed record RenditionJob(int SourceWidth, int SourceHeight, CropBox Box, int Width, int Height, RenditionFormat Format, int Quality);

/// <summary>
/// The arithmetic of renditions, kept pure so it is tested on its own: the crop box around the focal
/// point, the widths offered (never wider than the original allows), the heights that go with them.
/// </summary>
public static class RenditionPlan
{
    public static string Slug(this PhotoCrop crop) => crop switch
    {
        PhotoCrop.Full => "full",
        PhotoCrop.Card => "card",
        PhotoCrop.Banner => "banner",
        PhotoCrop.Square => "square",
        _ => throw new ArgumentOutOfRangeException(nameof(crop)),
    };

    public static bool TryParseCrop(string slug, out PhotoCrop crop)
    {
        foreach (var c in Enum.GetValues<PhotoCrop>())
        {
            if (c.Slug() == slug)
            {
                crop = c;
                return true;
            }
        }

        crop = default;
        return false;
    }

    public static string Extension(this RenditionFormat format) => format == RenditionFormat.WebP ? "webp" : "jpg";

    public static string ContentType(this RenditionFormat format) => format == RenditionFormat.WebP ? "image/webp" : "image/jpeg";

    /// <summary>Width : height of a crop; <see cref="PhotoCrop.Full"/> has the original's own ratio.</summary>
    public static (int W, int H) Aspect(PhotoCrop crop, int sourceWidth, int sourceHeight) => crop switch
    {
        PhotoCrop.Card => (4, 3),
        PhotoCrop.Banner => (16, 9),
        PhotoCrop.Square => (1, 1),
        _ => (sourceWidth, sourceHeight),
    };

    /// <summary>
    /// The largest box of the given ratio inside the image, centred on the focal point as far as the edges allow.
    /// (libvips' smartcrop picks its own centre of interest; the editor's focal point is what counts here.)
    /// </summary>
    public static CropBox Box(int sourceWidth, int sourceHeight, (int W, int H) aspect, double focalX, double focalY)
    {
        int width, height;
        if ((long)sourceWidth * aspect.H > (long)sourceHeight * aspect.W)
        {
            height = sourceHeight;
            width = Math.Clamp((int)Math.Round((double)sourceHeight * aspect.W / aspect.H, MidpointRounding.AwayFromZero), 1, sourceWidth);
        }
        else
        {
            width = sourceWidth;
            height = Math.Clamp((int)Math.Round((double)sourceWidth * aspect.H / aspect.W, MidpointRounding.AwayFromZero), 1, sourceHeight);
        }

        var x = (int)Math.Round(Math.Clamp(focalX, 0, 1) * sourceWidth - width / 2.0, MidpointRounding.AwayFromZero);
        var y = (int)Math.Round(Math.Clamp(focalY, 0, 1) * sourceHeight - height / 2.0, MidpointRounding.AwayFromZero);
        return new CropBox(Math.Clamp(x, 0, sourceWidth - width), Math.Clamp(y, 0, sourceHeight - height), width, height);
    }

    public static CropBox Box(MediaItem item, PhotoCrop crop) =>
        Box(item.Width, item.Height, Aspect(crop, item.Width, item.Height), item.FocalX, item.FocalY);

    /// <summary>
    /// The widths offered for a box: the configured widths narrower than the box, then the box's own width
    /// when it is narrower than the widest configured one. A photo is never enlarged.
    /// </summary>
    public static IReadOnlyList<int> Widths(CropBox box, IReadOnlyList<int> configured)
    {
        var widths = configured.Where(w => w < box.Width).ToList();
        widths.Add(Math.Min(box.Width, configured[^1]));
        return widths.Distinct().ToList();
    }

    /// <summary>The height that goes with a width, keeping the box's ratio.</summary>
    public static int Height(CropBox box, int width) =>
        Math.Max(1, (int)Math.Round((double)width * box.Height / box.Width, MidpointRounding.AwayFromZero));

    /// <summary>
    /// Where the box lands in the original after it was scaled to <paramref name="scaledWidth"/> × <paramref name="scaledHeight"/>,
    /// as an area of exactly <paramref name="width"/> × <paramref name="height"/> (kept inside the scaled image).
    /// </summary>
    public static CropBox ScaleBox(CropBox box, int sourceWidth, int sourceHeight, int scaledWidth, int scaledHeight, int width, int height)
    {
        width = Math.Min(width, scaledWidth);
        height = Math.Min(height, scaledHeight);
        var x = (int)Math.Round((double)box.X * scaledWidth / sourceWidth, MidpointRounding.AwayFromZero);
        var y = (int)Math.Round((double)box.Y * scaledHeight / sourceHeight, MidpointRounding.AwayFromZero);
        return new CropBox(Math.Clamp(x, 0, scaledWidth - width), Math.Clamp(y, 0, scaledHeight - height), width, height);
    }

    /// <summary>How wide the whole original must be scaled so the box comes out <paramref name="width"/> wide (one pixel spare for rounding).</summary>
    public static int ScaledSourceWidth(CropBox box, int sourceWidth, int width) =>
        Math.Min(sourceWidth, (int)Math.Ceiling((double)sourceWidth * width / box.Width) + 1);
}
