using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// Deleting a node, after a confirmation (wijk editors and administrators). Refused, with the reason, while
/// something still uses it: a meeting place with activities, a partner that hosts or organises, a wijk with content.
/// </summary>
public sealed class DeletePageModel(ContentNodes nodes, ContentPublisher publisher, StaffScope scope, AuditLog audit) : EditableNodePageModel(nodes, scope)
{
    /// <summary>Why it cannot be deleted yet (a resource key), or null.</summary>
    public string? InUse { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadNodeAsync(ct, toDelete: true) is { } problem)
            return problem;
        InUse = await publisher.InUseAsync(Node, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadNodeAsync(ct, toDelete: true) is { } problem)
            return problem;
        // DeleteAsync checks what still uses the node, in its transaction, and says why it refuses.
        var wijk = ContentNodes.WijkOf(Node);
        var result = await publisher.DeleteAsync(Kind, Node.Id, audit.CurrentActor(), ct);
        if (!result.Ok)
        {
            InUse = result.Problem;
            return Page();
        }

        TempData["Flash"] = "Flash.Deleted";
        return Redirect(Kind switch
        {
            NodeKind.Gemeente or NodeKind.Wijk when StaffScope.IsAdministrator(User) => EditingPaths.Gemeenten,
            NodeKind.Wijk => BackofficePaths.Home,
            _ => wijk is null ? BackofficePaths.Home : BackofficePaths.Wijk(wijk.Id),
        });
    }
}
