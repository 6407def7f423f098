using System.Text.RegularExpressions;

namespace Buurtplatform.Web.Media;

/// <summary>How a custom size fits the photo: <c>crop</c> fills the box (cut around the focal point), <c>max</c> fits inside it.</summary>
public enum ResizeMode
{
    Max,
    Crop,
}

/// <summary>
/// A custom size as Umbraco's image URLs write it: <c>?width=400&amp;height=300&amp;rmode=crop&amp;format=webp</c>.
/// Its canonical query (keys in alphabetical order, every value in one spelling) is what is signed, so one
/// size has one signature however the URL was written.
/// </summary>
public sealed partial record CustomSize(int? Width, int? Height, ResizeMode Mode, RenditionFormat Format)
{
    public const string SignatureKey = "hmac";

    private static readonly string[] Keys = ["format", "height", SignatureKey, "rmode", "width"];

    public string CanonicalQuery
    {
        get
        {
            var parts = new List<string> { "format=" + Format.Extension() };
            if (Height is { } h)
                parts.Add("height=" + h.ToString(CultureInfo.InvariantCulture));
            parts.Add("rmode=" + (Mode == ResizeMode.Crop ? "crop" : "max"));
            if (Width is { } w)
                parts.Add("width=" + w.ToString(CultureInfo.InvariantCulture));
            return string.Join('&', parts);
        }
    }

    /// <summary>Name of the cached file: one per distinct size.</summary>
    public string FileName => FormattableString.Invariant($"custom-{(Mode == ResizeMode.Crop ? "crop" : "max")}-{Width ?? 0}x{Height ?? 0}.{Format.Extension()}");

    /// <summary>
    /// Reads a request's query. Null when it is not one the site could have signed: an unknown or repeated key,
    /// a value in another spelling, or neither width nor height.
    /// </summary>
    public static CustomSize? Parse(IQueryCollection query, out string? signature)
    {
        signature = null;
        if (query.Any(q => !Keys.Contains(q.Key, StringComparer.Ordinal) || q.Value.Count != 1))
            return null;
        signature = query[SignatureKey].ToString();
        int? width = null, height = null;
        if (query.TryGetValue("width", out var w))
        {
            if (!Number().IsMatch(w.ToString()))
                return null;
            width = int.Parse(w.ToString(), CultureInfo.InvariantCulture);
        }

        if (query.TryGetValue("height", out var h))
        {
            if (!Number().IsMatch(h.ToString()))
                return null;
            height = int.Parse(h.ToString(), CultureInfo.InvariantCulture);
        }

        var mode = query.TryGetValue("rmode", out var m) ? m.ToString() switch { "crop" => ResizeMode.Crop, "max" => ResizeMode.Max, _ => (ResizeMode?)null } : ResizeMode.Max;
        var format = query.TryGetValue("format", out var f) ? f.ToString() switch { "webp" => RenditionFormat.WebP, "jpg" => RenditionFormat.Jpeg, _ => (RenditionFormat?)null } : RenditionFormat.Jpeg;
        if (mode is null || format is null || (width is null && height is null))
            return null;
        return new CustomSize(width, height, mode.Value, format.Value);
    }

    /// <summary>What to cut and how big to make it. Never larger than the photo: a box too big for it shrinks, keeping its shape.</summary>
    public RenditionJob Job(MediaItem item, int quality)
    {
        if (Mode == ResizeMode.Crop && Width is { } w && Height is { } h)
        {
            var box = RenditionPlan.Box(item.Width, item.Height, (w, h), item.FocalX, item.FocalY);
            var outWidth = Math.Min(w, box.Width);
            var outHeight = outWidth == w ? Math.Min(h, box.Height) : RenditionPlan.Height(box, outWidth);
            return new RenditionJob(item.Width, item.Height, box, outWidth, outHeight, Format, quality);
        }

        var scale = Math.Min(1.0, Math.Min(Width is { } mw ? (double)mw / item.Width : double.MaxValue, Height is { } mh ? (double)mh / item.Height : double.MaxValue));
        var width = Math.Max(1, (int)Math.Round(item.Width * scale, MidpointRounding.AwayFromZero));
        var height = Math.Max(1, (int)Math.Round(item.Height * scale, MidpointRounding.AwayFromZero));
        return new RenditionJob(item.Width, item.Height, new CropBox(0, 0, item.Width, item.Height), width, height, Format, quality);
    }

    [GeneratedRegex("^[1-9][0-9]{0,4}$")]
    private static partial Regex Number();
}
