using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Editing.Translations;

/// <summary>
/// A version of a node's translation on the public page in that language, for staff, under the "voorbeeld" banner (the newest
/// without <c>?versie=</c>). Never cached (a backoffice page: no-store, noindex).
/// </summary>
[TranslationPreview.PreviewCulture]
public sealed class TranslationPreviewPageModel(ContentNodes nodes, TranslationPublisher publisher, TranslationPreview preview, StaffScope scope)
    : EditableNodePageModel(nodes, scope)
{
    public ContentVersion Version { get; private set; } = null!;

    public ContentPreview.View? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string culture, int? versie, CancellationToken ct)
    {
        if (!ContentTranslation.Cultures.Contains(culture))
            return NotFound();
        if (await LoadNodeAsync(ct) is { } refused)
            return refused;
        var all = await publisher.ListForReadingAsync(Node, culture, ct);
        var version = versie is { } n ? all.FirstOrDefault(v => v.Number == n) : all.FirstOrDefault();
        if (version is null)
            return NotFound();
        Version = version;
        View = await preview.BuildAsync(version, Node, HttpContext, ct);
        return Page();
    }
}
