using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>Two versions of a node side by side, field by field: only the fields that differ, with the old and the new value.</summary>
public sealed class ComparePageModel(ContentNodes nodes, ContentVersions versions, StaffScope scope) : PageModel
{
    public NodeKind Kind { get; private set; }

    public ContentNode Node { get; private set; } = null!;

    public List<ContentVersion> Versions { get; private set; } = [];

    public ContentVersion? Older { get; private set; }

    public ContentVersion? Newer { get; private set; }

    public List<VersionDiff.FieldChange> Changes { get; private set; } = [];

    public int Unchanged { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? a, int? b, CancellationToken ct)
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
        Versions = await versions.ListForReadingAsync(node, ct);

        // Without a choice: the newest against the one before it.
        Older = Versions.FirstOrDefault(v => v.Number == (a ?? (Versions.Count > 1 ? Versions[1].Number : Versions[0].Number)));
        Newer = Versions.FirstOrDefault(v => v.Number == (b ?? Versions[0].Number));
        if (Older is null || Newer is null)
            return NotFound();
        if (Older.Number > Newer.Number)
            (Older, Newer) = (Newer, Older);
        Changes = VersionDiff.Compare(Kind, Older, Newer);
        Unchanged = VersionDiff.Flatten(Kind, Newer.Slug, Newer.Text).Count - Changes.Count(c => c.New is not null);
        return Page();
    }
}
