using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// A version as parents would see it, for staff: the public page's own body and layout, filled from the
/// version's text, under a "voorbeeld" banner. Never cached (a backoffice page: no-store, noindex).
/// </summary>
public sealed class PreviewPageModel(ContentNodes nodes, ContentVersions versions, ContentPreview preview, StaffScope scope) : PageModel
{
    public NodeKind Kind { get; private set; }

    public ContentNode Node { get; private set; } = null!;

    public ContentVersion Version { get; private set; } = null!;

    public ContentPreview.View? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? versie, CancellationToken ct)
    {
        if (EditingPaths.FromRoute(RouteData.Values) is not { } route)
            return NotFound();
        Kind = route.Kind;
        var node = await nodes.FindAsync(route.Kind, route.Id, ct: ct);
        if (node is null)
            return NotFound();
        if (!await EditingAccess.CanEditAsync(scope, User, node, ct))
            return Forbid();
        Node = node;
        var all = await versions.ListForReadingAsync(node, ct);
        var version = versie is { } n ? all.FirstOrDefault(v => v.Number == n) : all[0];
        if (version is null)
            return NotFound();
        Version = version;
        View = await preview.BuildAsync(version, node, ct);
        return Page();
    }
}
