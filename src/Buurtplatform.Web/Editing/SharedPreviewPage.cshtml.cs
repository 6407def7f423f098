using Buurtplatform.Web.Editing.Translations;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// A shareable preview for someone without an account: read-only, marked "voorbeeld", never indexed, stored
/// or cached, no referrer sent on (the link is the key). A wrong signature answers 404 as for any unknown
/// address; an expired or retired link answers 410 with a kind word about why.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[TranslationPreview.PreviewCulture]
public sealed class SharedPreviewPageModel(
    AppDbContext db, PreviewLinks links, ContentNodes nodes, ContentPreview preview, TranslationPreview translationPreview, TimeProvider clock) : PageModel
{
    public ContentVersion? Version { get; private set; }

    public ContentPreview.View? View { get; private set; }

    /// <summary>Why the link no longer works (a resource key), or null.</summary>
    public string? Gone { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (links.Read(token) is not { } claims)
            return NotFound();
        var version = await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == claims.VersionId, ct);
        if (version is null)
            return NotFound();
        Version = version;
        if (claims.IsExpired(clock.GetUtcNow()))
            Gone = "SharedPreview.Expired";
        else if (claims.Generation != version.PreviewLinkGeneration)
            Gone = "SharedPreview.Revoked";
        else if (!version.IsOpen)
            Gone = version.Status == VersionStatus.Published ? "SharedPreview.Published" : "SharedPreview.Replaced";
        if (Gone is not null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        var node = await nodes.FindByKeyAsync(version.Kind, version.NodeKey, ct: ct);
        if (node is null)
            return NotFound();
        // A translation's draft shows on the public page in its language.
        View = version.IsTranslation ? await translationPreview.BuildAsync(version, node, HttpContext, ct) : await preview.BuildAsync(version, node, ct);
        return Page();
    }
}
