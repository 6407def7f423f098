namespace Buurtplatform.Web.NearMe;

/// <summary>
/// Map settings (section <c>Map</c>). The map shows only when a parent asks for it, because its tiles
/// come from a tile server; an organisation can point it at its own. Validated on start.
/// </summary>
public sealed class MapOptions
{
    public const string Section = "Map";

    /// <summary>Tile URL with {z}, {x}, {y} (and optionally {s}); https only. Default OpenStreetMap's <c>https://tile.openstreetmap.org/{z}/{x}/{y}.png</c>.</summary>
    public string TileUrlTemplate { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>Who made the map, shown on it (the tiles' licence requires it). Default "© OpenStreetMap-bijdragers".</summary>
    public string Attribution { get; set; } = "© OpenStreetMap-bijdragers";

    /// <summary>Where the attribution links to. Default OpenStreetMap's copyright page.</summary>
    public string AttributionUrl { get; set; } = "https://www.openstreetmap.org/copyright";

    /// <summary>Highest zoom level the tile server offers. Default 19.</summary>
    public int MaxZoom { get; set; } = 19;

    /// <summary>The origin the page's Content-Security-Policy must allow images from: <c>https://tile.openstreetmap.org</c>, or <c>https://*.example.org</c> for an {s} template.</summary>
    public string TileOrigin
    {
        get
        {
            var uri = new Uri(TileUrlTemplate.Replace("{s}", "a", StringComparison.Ordinal));
            var host = TileUrlTemplate.Contains("{s}.", StringComparison.Ordinal) ? "*." + uri.Host[(uri.Host.IndexOf('.') + 1)..] : uri.Host;
            return $"{uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}";
        }
    }

    internal static bool IsValid(MapOptions o)
    {
        if (o.MaxZoom is < 1 or > 22 || string.IsNullOrWhiteSpace(o.Attribution))
            return false;
        if (!Uri.TryCreate(o.AttributionUrl, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http"))
            return false;
        var t = o.TileUrlTemplate;
        return t.Contains("{z}", StringComparison.Ordinal) && t.Contains("{x}", StringComparison.Ordinal) && t.Contains("{y}", StringComparison.Ordinal)
            && Uri.TryCreate(t.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}", "0", StringComparison.Ordinal)
                .Replace("{x}", "0", StringComparison.Ordinal).Replace("{y}", "0", StringComparison.Ordinal), UriKind.Absolute, out var tiles)
            && tiles.Scheme == "https"
            // The template goes into a CSP header: nothing that could end or widen the directive.
            && !t.Any(c => c is ';' or ',' or '\'' or '"' || char.IsWhiteSpace(c));
    }
}

/// <summary>Marks a page that can show the map: its Content-Security-Policy also allows images from the tile server.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShowsMapAttribute : Attribute, IAllowsImagesFrom
{
    public string ImageOrigin(IServiceProvider services) => services.GetRequiredService<IOptions<MapOptions>>().Value.TileOrigin;
}
