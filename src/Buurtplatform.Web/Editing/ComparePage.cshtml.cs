using Buurtplatform.Web.Backoffice;

namespace Buurtplatform.Web.Editing;

/// <summary>Two versions of a node side by side, field by field: only the fields that differ, with the old and the new value.</summary>
public sealed class ComparePageModel(ContentNodes nodes, ContentVersions versions, StaffScope scope) : EditableNodePageModel(nodes, scope)
{
    public List<ContentVersion> Versions { get; private set; } = [];

    public ContentVersion? Older { get; private set; }

    public ContentVersion? Newer { get; private set; }

    public List<VersionDiff.FieldChange> Changes { get; private set; } = [];

    public int Unchanged { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? a, int? b, CancellationToken ct)
    {
        if (await LoadNodeAsync(ct) is { } refused)
        {
            return refused;
        }

        Versions = await versions.ListForReadingAsync(Node, ct);

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
