using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// Deleting a node, after a confirmation (wijk editors and administrators). Refused, with the reason, while
/// something still uses it: a meeting place with activities, a partner that hosts or organises, a wijk with content.
/// </summary>
public sealed class DeletePageModel(ContentNodes nodes, ContentPublisher publisher, StaffScope scope, AuditLog audit, DateChangeNotices notices) : EditableNodePageModel(nodes, scope)
{
    /// <summary>Parents signed up for a live activity's coming dates: they get a mail when it is deleted.</summary>
    public int ParentsTold { get; private set; }

    /// <summary>Why it cannot be deleted yet (a resource key), or null.</summary>
    public string? InUse { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadNodeAsync(ct, toDelete: true) is { } problem)
            return problem;
        InUse = await publisher.InUseAsync(Node, ct);
        if (Node is Activity { State: PublishState.Published } live)
            ParentsTold = (await notices.AffectedAsync(live.Id, [new DateChange(DateChangeKind.Deleted, null, null, null, "deleted")], ct)).Count;
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
