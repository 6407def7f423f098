using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;

namespace Buurtplatform.Web.Neighbourhoods.Editing;

/// <summary>The partner editor: a new partner organisation in a wijk, or an existing one.</summary>
public sealed class PartnerEditPageModel(EditorServices services) : EditorPageModel<PartnerInput>(services)
{
    public const string NewRoute = "backoffice/wijken/{wijkId:int}/partners/nieuw";

    public override NodeKind Kind => NodeKind.Partner;

    protected override string ParentUrl => Wijk is null ? BackofficePaths.Home : BackofficePaths.Wijk(Wijk.Id);

    protected override async Task<bool> LoadParentAsync(CancellationToken ct)
    {
        if (!int.TryParse(RouteData.Values[ScopedRouteValues.WijkId]?.ToString(), out var id))
            return false;
        Wijk = await S.Db.Wijken.AsNoTracking().Include(w => w.Gemeente).FirstOrDefaultAsync(w => w.Id == id, ct);
        Gemeente = Wijk?.Gemeente;
        return Wijk is not null;
    }

    protected override PartnerInput NewInput() => new();

    protected override PartnerInput FromNode(ContentNode node) => PartnerInput.From((Partner)node);

    protected override string ToText(PartnerInput input, Guid key, DateTime updatedUtc, RowMap rows) => input.ToText(key, updatedUtc);

    protected override string? SlugOf(PartnerInput input) => input.Slug?.Trim();

    protected override string? TitleForSlug() => Input.Name;

    protected override void SetSlug(string slug) => Input.Slug = slug;

    protected override IEnumerable<(string Id, string? Markdown)> MarkdownFields() => [(FieldIds.Of("body"), Input.Body)];

    protected override string IdFor(string path) => path == "contact" ? FieldIds.Of("contact.website") : FieldIds.Of(path);
}
