using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;

namespace Buurtplatform.Web.Neighbourhoods.Editing;

/// <summary>The wijk editor: a new wijk in a gemeente (administrators), or a wijk's name, summary, text and postcodes (its editors).</summary>
public sealed class WijkEditPageModel(EditorServices services) : EditorPageModel<WijkInput>(services)
{
    public const string NewRoute = "backoffice/gemeenten/{gemeenteId:int}/wijken/nieuw";

    public override NodeKind Kind => NodeKind.Wijk;

    protected override string ParentUrl => EditingPaths.Gemeenten;

    protected override Guid? NewParentKey => Gemeente?.Key;

    protected override async Task<bool> LoadParentAsync(CancellationToken ct)
    {
        if (!int.TryParse(RouteData.Values[ScopedRouteValues.GemeenteId]?.ToString(), out var id))
            return false;
        Gemeente = await S.Db.Gemeenten.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        return Gemeente is not null;
    }

    protected override WijkInput NewInput() => new();

    protected override WijkInput FromNode(ContentNode node) => WijkInput.From((Wijk)node);

    protected override string ToText(WijkInput input, Guid key, DateTime updatedUtc, RowMap rows) => input.ToText(key, updatedUtc);

    protected override string? SlugOf(WijkInput input) => input.Slug?.Trim();

    protected override string? TitleForSlug() => Input.Name;

    protected override void SetSlug(string slug) => Input.Slug = slug;

    protected override IEnumerable<(string Id, string? Markdown)> MarkdownFields() => [(FieldIds.Of("body"), Input.Body)];
}
