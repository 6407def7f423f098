using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// A backoffice page about one node (<c>/backoffice/{kind}/{id}/…</c>): every such page finds the node from the
/// route and refuses staff who may not edit it in the same way, here.
/// </summary>
public abstract class EditableNodePageModel(ContentNodes nodes, StaffScope scope) : PageModel
{
    public NodeKind Kind { get; private set; }

    public ContentNode Node { get; private set; } = null!;

    protected StaffScope Scope => scope;

    /// <summary>
    /// Loads <see cref="Node"/>. Returns 404 for an unknown route or node, 403 when the signed-in user may not edit
    /// it (or, with <paramref name="toDelete"/>, may not delete nodes at all), and null when the page may go on.
    /// </summary>
    protected async Task<IActionResult?> LoadNodeAsync(CancellationToken ct, bool toDelete = false)
    {
        if (EditingPaths.FromRoute(RouteData.Values) is not { } route)
        {
            return NotFound();
        }

        Kind = route.Kind;
        var node = await nodes.FindAsync(route.Kind, route.Id, ct: ct);
        if (node is null)
        {
            return NotFound();
        }

        if ((toDelete && !EditingAccess.CanDelete(User)) || !await EditingAccess.CanEditAsync(scope, User, node, ct))
        {
            return Forbid();
        }

        Node = node;
        return null;
    }
}
