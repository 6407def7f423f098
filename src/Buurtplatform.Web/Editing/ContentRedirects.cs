using Buurtplatform.Web.Backoffice;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// Old public paths that answer 301 to where their node is now. Looked up only for a public GET or HEAD that
/// would otherwise be 404, so ordinary requests pay nothing.
/// </summary>
/// <remarks>
/// A redirect names a node (by key), not a target path: the target is the node's path today, so a slug
/// renamed twice still answers with one 301 to the newest path. A redirect also matches every path below
/// it (a renamed wijk's activities, places, vision and feeds), the rest of the path carried over; the
/// rewritten path is looked up again, so a renamed activity below a renamed wijk also takes one step.
/// Feeds are the same paths with <c>.ics</c>.
/// </remarks>
public sealed class ContentRedirects(ContentNodes nodes, Content.Published.Published published)
{
    private const int MaxSteps = 8;

    /// <summary>Where <paramref name="path"/> has moved to (path only), or null.</summary>
    public async Task<string?> FindAsync(string path, CancellationToken ct = default)
    {
        var suffix = path.EndsWith(".ics", StringComparison.Ordinal) ? ".ics" : "";
        var current = path[..^suffix.Length].TrimEnd('/');
        if (current.Length == 0 || current.Length > 400)
            return null;
        // Every old path, read once per published-content snapshot (a redirect is written with the publish that moves a
        // node, which makes a new snapshot): a bot asking unknown paths does not reach the database.
        var all = await published.OnceAsync("redirects", async (db, c) =>
        {
            var byPath = new Dictionary<string, ContentRedirect>(StringComparer.Ordinal);
            foreach (var r in await db.ContentRedirects.AsNoTracking().OrderBy(r => r.Id).ToListAsync(c))
                byPath[r.OldPath] = r;
            return byPath;
        }, ct);
        var moved = false;
        for (var step = 0; step < MaxSteps; step++)
        {
            // The longest old path that is the path or above it.
            var match = Prefixes(current).Select(all.GetValueOrDefault).FirstOrDefault(r => r is not null);
            if (match is null)
                break;
            var node = await nodes.FindByKeyAsync(match.Kind, match.NodeKey, ct: ct);
            if (node is null || ContentNodes.PublicPath(node) is not { } now)
                break;
            var rewritten = now + current[match.OldPath.Length..];
            if (rewritten == current)
                break;
            current = rewritten;
            moved = true;
        }

        return moved ? current + suffix : null;
    }

    /// <summary><c>/a/b/c</c> → <c>/a/b/c</c>, <c>/a/b</c>, <c>/a</c>.</summary>
    private static IEnumerable<string> Prefixes(string path)
    {
        for (var end = path.Length; end > 0; end = path.LastIndexOf('/', end - 1))
            yield return path[..end];
    }

    /// <summary>Answers 301 for a public GET/HEAD that found nothing, when the path (or one above it) moved.</summary>
    public static IApplicationBuilder UseContentRedirects(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next();
            var request = context.Request;
            if (context.Response.StatusCode != StatusCodes.Status404NotFound || context.Response.HasStarted
                || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                || BackofficePaths.IsBackofficePath(request.Path) || !request.Path.HasValue)
            {
                return;
            }

            var redirects = context.RequestServices.GetRequiredService<ContentRedirects>();
            if (await redirects.FindAsync(request.Path.Value!, context.RequestAborted) is not { } target)
                return;
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = target + request.QueryString;
        });
}
