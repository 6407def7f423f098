namespace Buurtplatform.Web.Media;

/// <summary>The srcset of a &lt;picture&gt;: WebP and JPEG at every width offered, and the default size.</summary>
public sealed record PictureSources(string WebpSrcset, string JpegSrcset, string Src, int Width, int Height);

/// <summary>
/// The photo URLs, in one place. Standard renditions: <c>/media/{key}/{version}/{crop}-{width}.{webp|jpg}</c>,
/// a fixed set, so they need no signature. Custom sizes: <c>/media/{key}/{version}?…&amp;hmac=…</c>, signed.
/// The version in the path changes when the photo does, so every URL may be cached forever.
/// </summary>
public sealed class MediaUrls(MediaUrlSigner signer, IOptions<MediaOptions> options)
{
    private readonly MediaOptions _options = options.Value;

    public static string BasePath(Guid key, int version) => FormattableString.Invariant($"/media/{key:N}/{version}");

    public string Rendition(MediaItem item, PhotoCrop crop, int width, RenditionFormat format) =>
        FormattableString.Invariant($"{BasePath(item.Key, item.Version)}/{crop.Slug()}-{width}.{format.Extension()}");

    /// <summary>The widths offered for a crop of this photo (never wider than the photo).</summary>
    public IReadOnlyList<int> Widths(MediaItem item, PhotoCrop crop) => RenditionPlan.Widths(RenditionPlan.Box(item, crop), _options.RenditionWidths);

    /// <summary>Everything a &lt;picture&gt; needs; the default is the widest rendition up to <paramref name="defaultWidth"/>.</summary>
    public PictureSources Picture(MediaItem item, PhotoCrop crop, int defaultWidth = 640)
    {
        var box = RenditionPlan.Box(item, crop);
        var widths = RenditionPlan.Widths(box, _options.RenditionWidths);
        string Srcset(RenditionFormat f) => string.Join(", ", widths.Select(w => Rendition(item, crop, w, f) + " " + w.ToString(CultureInfo.InvariantCulture) + "w"));
        var chosen = widths.LastOrDefault(w => w <= defaultWidth, widths[0]);
        return new PictureSources(Srcset(RenditionFormat.WebP), Srcset(RenditionFormat.Jpeg), Rendition(item, crop, chosen, RenditionFormat.Jpeg),
            chosen, RenditionPlan.Height(box, chosen));
    }

    /// <summary>
    /// For schema.org: JPEG in 16:9, 4:3 and 1:1 (what search engines ask for), each the narrowest rendition at
    /// least 1200 pixels wide, or the widest there is when the photo is smaller than that.
    /// </summary>
    public IReadOnlyList<string> SchemaOrgImages(MediaItem item, string baseUrl) =>
        new[] { PhotoCrop.Banner, PhotoCrop.Card, PhotoCrop.Square }
            .Select(crop =>
            {
                var widths = Widths(item, crop);
                var width = widths.FirstOrDefault(w => w >= 1200, widths[^1]);
                return baseUrl.TrimEnd('/') + Rendition(item, crop, width, RenditionFormat.Jpeg);
            })
            .ToList();

    /// <summary>
    /// For link previews (Open Graph, Twitter cards): the 16:9 JPEG rendition closest above 1200 pixels wide (what
    /// WhatsApp, Facebook and Mastodon show large), or the widest there is, absolute, with its size.
    /// </summary>
    public (string Url, int Width, int Height) ShareImage(MediaItem item, string baseUrl)
    {
        var box = RenditionPlan.Box(item, PhotoCrop.Banner);
        var widths = RenditionPlan.Widths(box, _options.RenditionWidths);
        var width = widths.FirstOrDefault(w => w >= 1200, widths[^1]);
        return (baseUrl.TrimEnd('/') + Rendition(item, PhotoCrop.Banner, width, RenditionFormat.Jpeg), width, RenditionPlan.Height(box, width));
    }

    /// <summary>A signed URL for a custom size; refuses sizes beyond <c>Media:MaxCustomWidth</c>/<c>MaxCustomHeight</c>.</summary>
    public string Custom(MediaItem item, CustomSize size)
    {
        if (size.Width is null && size.Height is null)
            throw new ArgumentException("A custom size needs a width, a height or both.", nameof(size));
        if (size.Width is < 1 || size.Width > _options.MaxCustomWidth)
            throw new ArgumentOutOfRangeException(nameof(size), $"width must be from 1 to {_options.MaxCustomWidth}");
        if (size.Height is < 1 || size.Height > _options.MaxCustomHeight)
            throw new ArgumentOutOfRangeException(nameof(size), $"height must be from 1 to {_options.MaxCustomHeight}");
        var path = BasePath(item.Key, item.Version);
        var query = size.CanonicalQuery;
        return $"{path}?{query}&{CustomSize.SignatureKey}={signer.Sign(path + "?" + query)}";
    }
}
