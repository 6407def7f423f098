using System.Text.RegularExpressions;

namespace Buurtplatform.Web.Media;

/// <summary>
/// Serves renditions, never originals. Every request checks the photo in the database first, so a withdrawn
/// or deleted photo answers 404 at once; nothing here goes through the output cache.
/// </summary>
public static partial class MediaEndpoints
{
    /// <summary>
    /// Cached a year and marked immutable: the URL has the version in it. <c>private</c>: a shared cache
    /// (a CDN, a proxy) would go on serving a photo after consent is withdrawn; a browser keeps only what
    /// its own user has already seen.
    /// </summary>
    public const string CacheControl = "private, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{key:guid}/{version:int}/{file}", StandardAsync);
        app.MapGet("/media/{key:guid}/{version:int}", CustomAsync);
        return app;
    }

    private static async Task<IResult> StandardAsync(Guid key, int version, string file, HttpContext context, AppDbContext db,
        RenditionCache cache, MediaStore store, IOptions<MediaOptions> options, ILoggerFactory logs, CancellationToken ct)
    {
        var match = StandardName().Match(file);
        if (!match.Success || !RenditionPlan.TryParseCrop(match.Groups[1].Value, out var crop) || !int.TryParse(match.Groups[2].ValueSpan, out var width))
            return Results.NotFound();
        var item = await FindPublicAsync(db, store, key, version, ct);
        if (item is null)
            return Results.NotFound();

        var box = RenditionPlan.Box(item, crop);
        if (!RenditionPlan.Widths(box, options.Value.RenditionWidths).Contains(width))
            return Results.NotFound();
        var format = match.Groups[3].Value == "webp" ? RenditionFormat.WebP : RenditionFormat.Jpeg;
        var job = new RenditionJob(item.Width, item.Height, box, width, RenditionPlan.Height(box, width), format, Quality(options.Value, format));
        return await ServeAsync(context, cache, item, file, job, logs, ct);
    }

    private static async Task<IResult> CustomAsync(Guid key, int version, HttpContext context, AppDbContext db, RenditionCache cache,
        MediaStore store, MediaUrlSigner signer, IOptions<MediaOptions> options, ILoggerFactory logs, CancellationToken ct)
    {
        // Only what the site signed: an unknown key, a changed value or a missing signature is refused
        // before anything is looked up, so unsigned requests cannot make the server resize anything.
        var size = CustomSize.Parse(context.Request.Query, out var signature);
        var path = MediaUrls.BasePath(key, version);
        if (size is null || !signer.Verify(path + "?" + size.CanonicalQuery, signature))
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        if (size.Width > options.Value.MaxCustomWidth || size.Height > options.Value.MaxCustomHeight)
            return Results.BadRequest();

        var item = await FindPublicAsync(db, store, key, version, ct);
        if (item is null)
            return Results.NotFound();
        var job = size.Job(item, Quality(options.Value, size.Format));
        return await ServeAsync(context, cache, item, size.FileName, job, logs, ct);
    }

    /// <summary>The photo, when it exists in this version and parents may see it. A hidden photo's renditions are removed on the way.</summary>
    private static async Task<MediaItem?> FindPublicAsync(AppDbContext db, MediaStore store, Guid key, int version, CancellationToken ct)
    {
        var item = await db.MediaItems.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key, ct);
        if (item is null || !item.IsPublic)
        {
            // A rendition that was being made while consent was withdrawn lands after the withdrawal deleted the folder;
            // and a withdrawal or delete made on another node left this node's renditions where they were.
            store.DeleteRenditions(key);
            return null;
        }

        if (item.Version != version)
        {
            store.DeleteRenditions(key, exceptVersion: item.Version); // older versions, also those made on this node before another node replaced the photo
            return null;
        }

        return item;
    }

    private static int Quality(MediaOptions options, RenditionFormat format) => format == RenditionFormat.WebP ? options.WebpQuality : options.JpegQuality;

    private static async Task<IResult> ServeAsync(HttpContext context, RenditionCache cache, MediaItem item, string fileName, RenditionJob job, ILoggerFactory logs, CancellationToken ct)
    {
        string path;
        try
        {
            path = await cache.GetOrCreateAsync(item, fileName, job, ct);
        }
        catch (ImageProcessorUnavailableException e)
        {
            logs.CreateLogger(typeof(MediaEndpoints)).LogWarning("Rendition {File} of photo {Key} cannot be made: {Detail}", fileName, item.Key, e.Detail);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        catch (ImageProcessingException e)
        {
            logs.CreateLogger(typeof(MediaEndpoints)).LogError("Rendition {File} of photo {Key} failed: {Message}", fileName, item.Key, e.Message);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var headers = context.Response.Headers;
        headers.CacheControl = CacheControl;
        headers.XContentTypeOptions = "nosniff";

        // An image needs nothing else; should one ever be opened as a document, it can run nothing.
        headers.ContentSecurityPolicy = "default-src 'none'";
        return Results.File(path, job.Format.ContentType());
    }

    [GeneratedRegex("^([a-z]+)-([1-9][0-9]{0,4})\\.(webp|jpg)$")]
    private static partial Regex StandardName();
}
