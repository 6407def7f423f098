using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;

namespace Buurtplatform.Web.Neighbourhoods.Editing;

/// <summary>The gemeente editor (administrators): a new gemeente, or an existing one's name, summary and introduction.</summary>
[AdministratorOnly]
public sealed class GemeenteEditPageModel(EditorServices services) : EditorPageModel<GemeenteInput>(services)
{
    public const string NewRoute = "backoffice/gemeenten/nieuw";

    public override NodeKind Kind => NodeKind.Gemeente;

    protected override string ParentUrl => EditingPaths.Gemeenten;

    protected override Guid? NewParentKey => null;

    protected override Task<bool> LoadParentAsync(CancellationToken ct) => Task.FromResult(true);

    protected override GemeenteInput NewInput() => new();

    protected override GemeenteInput FromNode(ContentNode node) => GemeenteInput.From((Gemeente)node);

    protected override string ToText(GemeenteInput input, Guid key, DateTime updatedUtc, RowMap rows) => input.ToText(key, updatedUtc);

    protected override string? SlugOf(GemeenteInput input) => input.Slug?.Trim();

    protected override string? TitleForSlug() => Input.Name;

    protected override void SetSlug(string slug) => Input.Slug = slug;

    protected override IEnumerable<(string Id, string? Markdown)> MarkdownFields() => [(FieldIds.Of("body"), Input.Body)];
}
