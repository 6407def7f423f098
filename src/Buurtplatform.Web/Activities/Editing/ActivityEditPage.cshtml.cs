using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.MeetingPlaces;

namespace Buurtplatform.Web.Activities.Editing;

/// <summary>
/// The activity editor, for a new activity at a meeting place (<c>/backoffice/ontmoetingsplekken/{id}/activiteiten/nieuw</c>)
/// and for an existing one (<c>/backoffice/activiteiten/{id}/bewerken</c>). A professional can only choose the
/// meeting places they work for; the organiser is any partner of the wijk.
/// </summary>
public sealed class ActivityEditPageModel(EditorServices services) : EditorPageModel<ActivityInput>(services)
{
    public const string NewRoute = "backoffice/ontmoetingsplekken/{meetingPlaceId:int}/activiteiten/nieuw";

    public override NodeKind Kind => NodeKind.Activity;

    /// <summary>The meeting place a new activity is created at.</summary>
    public MeetingPlace? FromPlace { get; private set; }

    public List<(string Value, string Text)> Places { get; private set; } = [];

    public List<(string Value, string Text)> Partners { get; private set; } = [];

    protected override string ParentUrl => FromPlace is null ? BackofficePaths.Home : BackofficePaths.MeetingPlace(FromPlace.Id);

    protected override async Task<bool> LoadParentAsync(CancellationToken ct)
    {
        if (!int.TryParse(RouteData.Values[ScopedRouteValues.MeetingPlaceId]?.ToString(), out var placeId))
            return false;
        FromPlace = await S.Db.MeetingPlaces.AsNoTracking().Include(p => p.Wijk).ThenInclude(w => w.Gemeente).FirstOrDefaultAsync(p => p.Id == placeId, ct);
        Wijk = FromPlace?.Wijk;
        Gemeente = Wijk?.Gemeente;
        return FromPlace is not null;
    }

    protected override ActivityInput NewInput() => new()
    {
        Place = FromPlace?.Slug,
        Repeat = "weekly",
        EveryWeeks = "1",
        EveryMonths = "1",
        Ends = "never",
        CostKind = "gratis",
        SignUp = "nee",
        Languages = ["nl"],
        SkipSchoolHolidays = "",
    };

    protected override ActivityInput FromNode(ContentNode node) => ActivityInput.From((Activity)node);

    protected override string ToText(ActivityInput input, Guid key, DateTime updatedUtc, RowMap rows) => input.ToText(key, updatedUtc, rows);

    protected override string? SlugOf(ActivityInput input) => input.Slug?.Trim();

    protected override string? TitleForSlug() => Input.Title;

    protected override void SetSlug(string slug) => Input.Slug = slug;

    protected override IEnumerable<(string Id, string? Markdown)> MarkdownFields() => [(FieldIds.Of("body"), Input.Body)];

    protected override async Task LoadChoicesAsync(CancellationToken ct)
    {
        var wijkId = Wijk!.Id;
        Places = (await S.Scope.ScopedMeetingPlaces(User).AsNoTracking().Where(p => p.WijkId == wijkId).OrderBy(p => p.Name)
            .Select(p => new { p.Slug, p.Name }).ToListAsync(ct)).Select(p => (p.Slug, p.Name)).ToList();
        Partners = (await S.Db.Partners.AsNoTracking().Where(p => p.WijkId == wijkId).OrderBy(p => p.Name)
            .Select(p => new { p.Slug, p.Name }).ToListAsync(ct)).Select(p => (p.Slug, p.Name)).ToList();
        Places.Insert(0, ("", T["Edit.Choose"]));
        Partners.Insert(0, ("", T["Edit.Choose"]));
    }

    /// <summary>A professional may only hold activities at places they work for (the form's choice is checked again here).</summary>
    protected override async Task CheckFormAsync(CancellationToken ct)
    {
        var slug = Input.Place?.Trim();
        if (string.IsNullOrEmpty(slug))
            return;
        var wijkId = Wijk!.Id;
        if (!await S.Scope.ScopedMeetingPlaces(User).AnyAsync(p => p.WijkId == wijkId && p.Slug == slug, ct))
            Errors.Add(FieldIds.Of("place"), Label("place"), T["Edit.Error.PlaceOutOfScope"]);
    }

    /// <summary>From the node page's date list: "vervalt" or "verplaats" a date opens the form with that row ready.</summary>
    protected override void OnOpened()
    {
        if (Request.Query["vervalt"].FirstOrDefault() is { Length: 10 } cancel && !Input.Cancelled.Any(c => c.Date == cancel))
            Input.Cancelled.Add(new ActivityInput.CancelledRow { Date = cancel });
        if (Request.Query["verplaats"].FirstOrDefault() is { Length: 10 } move && !Input.Moved.Any(m => m.Date == move))
            Input.Moved.Add(new ActivityInput.MovedRow { Date = move });
    }

    protected override bool ApplyCommand(string command)
    {
        var row = RowOf(command);
        switch (command.Split(':')[0])
        {
            case "add-date":
                Input.ExtraDates.Add("");
                return true;
            case "remove-date" when row is { } i && i < Input.ExtraDates.Count:
                Input.ExtraDates.RemoveAt(i);
                return true;
            case "add-cancelled":
                Input.Cancelled.Add(new ActivityInput.CancelledRow());
                return true;
            case "remove-cancelled" when row is { } i && i < Input.Cancelled.Count:
                Input.Cancelled.RemoveAt(i);
                return true;
            case "add-moved":
                Input.Moved.Add(new ActivityInput.MovedRow());
                return true;
            case "remove-moved" when row is { } i && i < Input.Moved.Count:
                Input.Moved.RemoveAt(i);
                return true;
            default:
                return false;
        }
    }

    protected override string IdFor(string path) => path switch
    {
        "schedule.days" when Input.Repeat == "monthly" => "f-schedule-monthlyDay",
        "schedule.every" => Input.Repeat == "monthly" ? "f-schedule-everyMonths" : "f-schedule-everyWeeks",
        "schedule.time" => "f-schedule-time",
        "signUp" or "signUp.required" => "f-signUp-required",
        "cost" when Input.CostKind != "bedrag" => "f-costKind",
        "schedule" => "f-schedule-start",
        _ => FieldIds.Of(path),
    };
}
