using Buurtplatform.Web.Backoffice;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// A version as parents would see it, for staff: the public page's own body and layout, filled from the
/// version's text, under a "voorbeeld" banner. Never cached (a backoffice page: no-store, noindex).
/// </summary>
public sealed class PreviewPageModel(ContentNodes nodes, ContentVersions versions, ContentPreview preview, StaffScope scope) : EditableNodePageModel(nodes, scope)
{
    public ContentVersion Version { get; private set; } = null!;

    public ContentPreview.View? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? versie, CancellationToken ct)
    {
        if (await LoadNodeAsync(ct) is { } refused)
        {
            return refused;
        }

        var all = await versions.ListForReadingAsync(Node, ct);
        var version = versie is { } n ? all.FirstOrDefault(v => v.Number == n) : all[0];
        if (version is null)
            return NotFound();
        Version = version;
        View = await preview.BuildAsync(version, Node, ct);
        return Page();
    }
}
