using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;

namespace Buurtplatform.Web.MeetingPlaces.Editing;

/// <summary>The meeting place editor: a new place in a wijk (its editors), or an existing place (its editors and professionals).</summary>
public sealed class MeetingPlaceEditPageModel(EditorServices services) : EditorPageModel<MeetingPlaceInput>(services)
{
    public const string NewRoute = "backoffice/wijken/{wijkId:int}/ontmoetingsplekken/nieuw";

    public override NodeKind Kind => NodeKind.MeetingPlace;

    public List<(string Value, string Text)> Partners { get; private set; } = [];

    protected override string ParentUrl => Wijk is null ? BackofficePaths.Home : BackofficePaths.Wijk(Wijk.Id);

    protected override async Task<bool> LoadParentAsync(CancellationToken ct)
    {
        if (!int.TryParse(RouteData.Values[ScopedRouteValues.WijkId]?.ToString(), out var id))
            return false;
        Wijk = await S.Db.Wijken.AsNoTracking().Include(w => w.Gemeente).FirstOrDefaultAsync(w => w.Id == id, ct);
        Gemeente = Wijk?.Gemeente;
        return Wijk is not null;
    }

    protected override MeetingPlaceInput NewInput() => new() { City = Gemeente?.Name, Wheelchair = "nee", Pram = "ja" };

    protected override MeetingPlaceInput FromNode(ContentNode node) => MeetingPlaceInput.From((MeetingPlace)node);

    protected override string ToText(MeetingPlaceInput input, Guid key, DateTime updatedUtc, RowMap rows) => input.ToText(key, updatedUtc, rows);

    protected override string? SlugOf(MeetingPlaceInput input) => input.Slug?.Trim();

    protected override string? TitleForSlug() => Input.Name;

    protected override void SetSlug(string slug) => Input.Slug = slug;

    protected override IEnumerable<(string Id, string? Markdown)> MarkdownFields() => [(FieldIds.Of("body"), Input.Body)];

    protected override async Task LoadChoicesAsync(CancellationToken ct)
    {
        var wijkId = Wijk!.Id;
        Partners = (await S.Db.Partners.AsNoTracking().Where(p => p.WijkId == wijkId).OrderBy(p => p.Name)
            .Select(p => new { p.Slug, p.Name }).ToListAsync(ct)).Select(p => (p.Slug, p.Name)).ToList();
        Partners.Insert(0, ("", T["Edit.Choose"]));
    }

    protected override bool ApplyCommand(string command)
    {
        var row = RowOf(command);
        switch (command.Split(':')[0])
        {
            case "add-opening":
                Input.OpeningHours.Add(new MeetingPlaceInput.OpeningRow());
                return true;
            case "remove-opening" when row is { } i && i < Input.OpeningHours.Count:
                Input.OpeningHours.RemoveAt(i);
                return true;
            default:
                return false;
        }
    }

    protected override string IdFor(string path) => path switch
    {
        "address" => FieldIds.Of("address.street"),
        "location" => FieldIds.Of("location.lat"),
        "accessibility" => FieldIds.Of("accessibility.wheelchair"),
        _ => FieldIds.Of(path),
    };
}
