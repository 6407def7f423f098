namespace Buurtplatform.Web.NearMe;

public static class NearMeSetup
{
    /// <summary>Postcode centres (read once), map settings (validated on start).</summary>
    public static IServiceCollection AddNearMe(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<PostcodeCentres>();
        services.AddOptions<MapOptions>().Bind(config.GetSection(MapOptions.Section))
            .Validate(MapOptions.IsValid, "Map: TileUrlTemplate must be an https URL with {z}, {x} and {y}; Attribution and AttributionUrl are required; MaxZoom 1-22.")
            .ValidateOnStart();
        // The request start/finish lines log the full URL, and a search URL can hold a postcode:
        // they are never written, whatever the configured level ("the location is never logged").
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(
            new LoggerFilterRule(null, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning, null)));
        return services;
    }

    /// <summary>
    /// <c>/postcodes.json</c>: every PC4 centre, fetched only when a parent taps "use my location".
    /// The phone then picks the nearest postcode itself, so the parent's coordinates never leave it:
    /// the site only ever sees a four-digit postcode.
    /// </summary>
    public static IEndpointRouteBuilder MapNearMe(this IEndpointRouteBuilder app)
    {
        app.MapGet("/postcodes.json", (PostcodeCentres centres, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=604800";
            return Results.Text(CentresJson(centres), "application/json; charset=utf-8");
        });
        return app;
    }

    private static string? _json;

    /// <summary>[[pc4, lat, lon], …] with four decimals (about 10 m): built once.</summary>
    private static string CentresJson(PostcodeCentres centres)
    {
        if (_json is { } cached)
            return cached;
        var sb = new StringBuilder("[");
        for (var pc = 1000; pc <= 9999; pc++)
        {
            if (!centres.TryGetCentre(pc, out var c))
                continue;
            if (sb.Length > 1)
                sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"[{pc},{c.Latitude:0.####},{c.Longitude:0.####}]");
        }

        return _json = sb.Append(']').ToString();
    }
}
