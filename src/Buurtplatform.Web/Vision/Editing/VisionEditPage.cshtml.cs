using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;

namespace Buurtplatform.Web.Vision.Editing;

/// <summary>
/// The vision editor: the wijk's vision with its sections, which can be added, removed and moved up or down
/// with plain buttons (no JavaScript needed). A wijk has at most one vision; its address is always <c>…/visie</c>.
/// </summary>
public sealed class VisionEditPageModel(EditorServices services) : EditorPageModel<VisionInput>(services)
{
    public const string NewRoute = "backoffice/wijken/{wijkId:int}/visie/nieuw";

    public override NodeKind Kind => NodeKind.Vision;

    /// <summary>Set when a new vision is asked for a wijk that already has one.</summary>
    public int? ExistingVisionId { get; private set; }

    protected override string ParentUrl => Wijk is null ? BackofficePaths.Home : BackofficePaths.Wijk(Wijk.Id);

    protected override async Task<bool> LoadParentAsync(CancellationToken ct)
    {
        if (!int.TryParse(RouteData.Values[ScopedRouteValues.WijkId]?.ToString(), out var id))
            return false;
        Wijk = await S.Db.Wijken.AsNoTracking().Include(w => w.Gemeente).FirstOrDefaultAsync(w => w.Id == id, ct);
        Gemeente = Wijk?.Gemeente;
        ExistingVisionId = await S.Db.Visions.Where(v => v.WijkId == id).Select(v => (int?)v.Id).FirstOrDefaultAsync(ct);
        return Wijk is not null;
    }

    protected override VisionInput NewInput() => new()
    {
        Title = T["Edit.Vision.DefaultTitle", Wijk?.Name ?? ""],
        LastReviewed = DateOnly.FromDateTime(S.Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Sections = [new VisionInput.SectionRow()],
    };

    protected override VisionInput FromNode(ContentNode node) => VisionInput.From((Vision)node);

    protected override string ToText(VisionInput input, Guid key, DateTime updatedUtc, RowMap rows) => input.ToText(key, updatedUtc, rows);

    protected override string? SlugOf(VisionInput input) => "visie";

    protected override string? TitleForSlug() => "visie";

    protected override void SetSlug(string slug)
    {
    }

    protected override IEnumerable<(string Id, string? Markdown)> MarkdownFields() =>
        Input.Sections.Select((s, i) => (FieldIds.Of($"sections[{i}].body"), s.Body)).Prepend((FieldIds.Of("intro"), Input.Intro));

    /// <summary>What only the form can get wrong: a section needs a heading, and a "## " line would split a section in two.</summary>
    protected override Task CheckFormAsync(CancellationToken ct)
    {
        for (var i = 0; i < Input.Sections.Count; i++)
        {
            var s = Input.Sections[i];
            if (s.IsEmpty)
                continue;
            if (string.IsNullOrWhiteSpace(s.Heading))
                Errors.Add(FieldIds.Of($"sections[{i}].heading"), Label($"sections[{i}].heading"), T["Edit.Error.Required"]);
            if (HasSectionHeading(s.Body))
                Errors.Add(FieldIds.Of($"sections[{i}].body"), Label($"sections[{i}].body"), T["Edit.Error.HeadingInSection"]);
        }

        if (HasSectionHeading(Input.Intro))
            Errors.Add(FieldIds.Of("intro"), Label("intro"), T["Edit.Error.HeadingInSection"]);
        if (ExistingVisionId is not null && IsNew)
            Errors.Add("f-form", T["Edit.Form"], T["Editing.Problem.VisionExists"]);
        return Task.CompletedTask;
    }

    private static bool HasSectionHeading(string? markdown) =>
        (markdown ?? "").Split('\n').Any(l => l.StartsWith("## ", StringComparison.Ordinal));

    protected override bool ApplyCommand(string command)
    {
        var row = RowOf(command);
        var sections = Input.Sections;
        switch (command.Split(':')[0])
        {
            case "add-section":
                sections.Add(new VisionInput.SectionRow());
                return true;
            case "remove-section" when row is { } i && i < sections.Count:
                sections.RemoveAt(i);
                return true;
            case "up" when row is { } i && i > 0 && i < sections.Count:
                (sections[i - 1], sections[i]) = (sections[i], sections[i - 1]);
                return true;
            case "down" when row is { } i && i >= 0 && i < sections.Count - 1:
                (sections[i + 1], sections[i]) = (sections[i], sections[i + 1]);
                return true;
            default:
                return false;
        }
    }
}
