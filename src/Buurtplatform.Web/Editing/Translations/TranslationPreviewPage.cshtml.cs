using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Editing.Translations;

/// <summary>
/// A version of a node's translation on the public page in that language, for staff, under the "voorbeeld" banner (the newest
/// without <c>?versie=</c>; a translation without versions says so). Never cached (a backoffice page: no-store, noindex).
/// </summary>
[TranslationPreview.PreviewCulture]
public sealed class TranslationPreviewPageModel(ContentNodes nodes, TranslationPublisher publisher, TranslationPreview preview, StaffScope scope)
    : EditableNodePageModel(nodes, scope)
{
    /// <summary>The version shown; null when the translation has none yet (the page says so).</summary>
    public ContentVersion? Version { get; private set; }

    public string Culture { get; private set; } = "";

    public ContentPreview.View? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string culture, int? versie, CancellationToken ct)
    {
        if (!ContentTranslation.Cultures.Contains(culture))
            return NotFound();
        if (await LoadNodeAsync(ct) is { } refused)
            return refused;
        Culture = culture;
        var all = await publisher.ListForReadingAsync(Node, culture, ct);
        if (versie is null && all.Count == 0)
            return Page();
        var version = versie is { } n ? all.FirstOrDefault(v => v.Number == n) : all[0];
        if (version is null)
            return NotFound();
        Version = version;
        View = await preview.BuildAsync(version, Node, HttpContext, ct);
        return Page();
    }
}
