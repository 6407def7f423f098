using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Neighbourhoods;
using Microsoft.AspNetCore.Html;

namespace Buurtplatform.Web.Editing;

/// <summary>What every editor form needs, in one parameter.</summary>
public sealed record EditorServices(
    AppDbContext Db, ContentNodes Nodes, ContentVersions Versions, ContentPublisher Publisher, StaffScope Scope,
    AuditLog Audit, TimeProvider Clock, IStringLocalizer<SharedResource> T, Activities.ActivityCalendar Calendar);

/// <summary>
/// The editor form of one node type, for a new node and for an existing one, without JavaScript:
/// the form is filled from the newest version; "save" turns the input into the node's file text,
/// checks it with the content format's own rules (<see cref="DraftValidation"/>) and stores it as a new
/// draft version (Post-Redirect-Get); other buttons (add a row, remove a row, show the Markdown's layout)
/// post the whole form back and show it again, so nothing typed is lost. Errors come back as a summary
/// linked to the fields and a message next to each field. The reader's warnings about what the form holds
/// (a time in the night the clocks change, a moved date in skipped school holidays) are listed above it, linked
/// the same way, and stop nothing.
/// </summary>
/// <remarks>
/// Designed for inheritance: each node type says how its input becomes file text and back, which choices
/// its selects offer, and what its extra buttons do.
/// </remarks>
public abstract class EditorPageModel<TInput>(EditorServices services) : PageModel
    where TInput : class, new()
{
    protected EditorServices S { get; } = services;

    protected IStringLocalizer T => S.T;

    [BindProperty]
    public TInput Input { get; set; } = new();

    /// <summary>Which button was pressed: save, save-preview, preview, or a row command such as <c>remove-cancelled:2</c>.</summary>
    [BindProperty]
    public string? Command { get; set; }

    /// <summary>An optional note about this change, kept with the version.</summary>
    [BindProperty]
    public string? VersionComment { get; set; }

    public FormErrors Errors { get; } = new();

    /// <summary>What the reader warns about in the form as shown (<see cref="ContentWarning"/>); saving goes ahead.</summary>
    public FormErrors Warnings { get; } = new();

    /// <summary>Rendered Markdown by field id, after "Bekijk de opmaak".</summary>
    public Dictionary<string, IHtmlContent> Previews { get; } = new(StringComparer.Ordinal);

    /// <summary>The node being edited (null while creating one).</summary>
    public ContentNode? Node { get; private set; }

    /// <summary>The wijk the node is in (null for a gemeente or a new wijk's gemeente).</summary>
    public Wijk? Wijk { get; protected set; }

    public Gemeente? Gemeente { get; protected set; }

    public bool IsNew => Node is null;

    /// <summary>The newest version's number and status, shown above the form.</summary>
    public ContentVersion? Newest { get; private set; }

    public abstract NodeKind Kind { get; }

    /// <summary>Where "cancel" goes back to.</summary>
    public string BackUrl => Node is null ? ParentUrl : EditingPaths.Node(Kind, Node.Id);

    protected virtual string ParentUrl => BackofficePaths.Home;

    protected abstract TInput FromNode(ContentNode node);

    protected abstract TInput NewInput();

    /// <summary>The input as the node's file text; rows left out (empty) are recorded in <paramref name="rows"/>.</summary>
    protected abstract string ToText(TInput input, Guid key, DateTime updatedUtc, RowMap rows);

    protected abstract string? SlugOf(TInput input);

    /// <summary>Loads the parent for a new node from the route (a wijk, a meeting place, a gemeente); false when it does not exist.</summary>
    protected abstract Task<bool> LoadParentAsync(CancellationToken ct);

    /// <summary>The parent key of a new node (its wijk, or its gemeente for a wijk).</summary>
    protected virtual Guid? NewParentKey => Wijk?.Key;

    /// <summary>Fills the selects' choices.</summary>
    protected virtual Task LoadChoicesAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Handles a row command (add, remove, move); returns false when it is not one.</summary>
    protected virtual bool ApplyCommand(string command) => false;

    /// <summary>The Markdown fields, by input id.</summary>
    protected virtual IEnumerable<(string Id, string? Markdown)> MarkdownFields() => [];

    /// <summary>Checks that only the form can make (references within the person's scope, vision headings).</summary>
    protected virtual Task CheckFormAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The input id for a field path (an error's link target).</summary>
    protected virtual string IdFor(string path) => FieldIds.Of(path);

    /// <summary>A slug suggested from the title for a new node.</summary>
    protected static string SuggestSlug(string? title)
    {
        var text = (title ?? "").Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        var sb = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
                continue;
            sb.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        }

        var slug = System.Text.RegularExpressions.Regex.Replace(sb.ToString(), "-+", "-").Trim('-');
        return slug.Length > 80 ? slug[..80].Trim('-') : slug;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } problem)
            return problem;
        if (Node is not null)
        {
            var newest = (await S.Versions.ListForReadingAsync(Node, ct))[0];
            Newest = newest;
            var warnings = await WarningsContextAsync(ct);
            var parsed = ContentTreeReader.ParseNode(Kind, newest.Slug, newest.Text, [], warnings: warnings);
            Input = parsed is null ? FromNode(Node) : FromNode(parsed);
            // The form lists the version's rows in its order (versions are stored as the exporter writes them), so paths match ids.
            if (parsed is not null)
                Warnings.AddContentWarnings(warnings.All, T, Kind, IdFor);
        }
        else
        {
            Input = NewInput();
        }

        OnOpened();
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>After the form is filled on GET (e.g. a date to cancel, from the node page's link).</summary>
    protected virtual void OnOpened()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } problem)
            return problem;
        if (Node is not null)
            Newest = (await S.Versions.ListForReadingAsync(Node, ct))[0];
        var command = Command ?? "save";
        ModelState.Clear(); // the form is shown again from Input as posted, not from model binding's view of it

        if (command == "preview")
        {
            foreach (var (id, markdown) in MarkdownFields())
                Previews[id] = MarkdownRenderer.Render(markdown);
            return await ShowAgainAsync(ct);
        }

        if (command is not ("save" or "save-preview"))
        {
            ApplyCommand(command);
            return await ShowAgainAsync(ct);
        }

        // A new node's address comes from its name when left empty; with no name either, only the name is reported missing.
        var slugFromName = IsNew && string.IsNullOrWhiteSpace(SlugOf(Input));
        if (slugFromName)
            SetSlug(SuggestSlug(TitleForSlug()));
        var reportSlug = !(slugFromName && string.IsNullOrEmpty(SlugOf(Input)));
        await CheckFormAsync(ct);
        var rows = new RowMap();
        var key = Node?.Key ?? Guid.NewGuid();
        var text = ToText(Input, key, S.Clock.GetUtcNow().UtcDateTime, rows);
        var actor = S.Audit.CurrentActor();
        EditResult result;
        if (Errors.Count > 0)
        {
            // Report the content format's problems too, so the person sees everything at once.
            var check = await new DraftValidation(S.Db, S.Nodes).CheckAsync(Kind, key, Node is null ? NewParentKey : ContentNodes.ParentKey(Node), SlugOf(Input) ?? "", text, ct);
            result = EditResult.Fail("Editing.Problem.Invalid", check.Errors);
        }
        else if (Node is null)
        {
            result = await S.Publisher.CreateAsync(Kind, key, NewParentKey, SlugOf(Input) ?? "", text, actor, VersionComment, ct);
        }
        else
        {
            result = await S.Publisher.SaveDraftAsync(Kind, Node.Id, SlugOf(Input) ?? "", text, actor, VersionComment, ct);
        }

        if (!result.Ok)
        {
            Errors.AddContentErrors((result.Errors ?? []).Where(e => reportSlug || e.Field != "slug"), T, Kind, path => IdFor(rows.ToFormPath(path)));
            if (Errors.Count == 0)
                Errors.Add("f-form", T["Edit.Form"], T[result.Problem ?? "Form.Failed"]);
            await AddWarningsAsync(text, rows, ct);
            await LoadChoicesAsync(ct);
            return Page();
        }

        TempData["Flash"] = IsNew ? "Flash.Created" : "Flash.DraftSaved";
        var nodeId = result.NodeId!.Value;
        return Redirect(command == "save-preview" ? EditingPaths.Preview(Kind, nodeId) : EditingPaths.Node(Kind, nodeId));
    }

    /// <summary>The form shown again as posted (a row added, the layout shown), with the warnings about what it now holds.</summary>
    private async Task<IActionResult> ShowAgainAsync(CancellationToken ct)
    {
        var rows = new RowMap();
        await AddWarningsAsync(ToText(Input, Node?.Key ?? Guid.NewGuid(), S.Clock.GetUtcNow().UtcDateTime, rows), rows, ct);
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>The reader's warnings about the form's text, linked to the form's rows (empty rows are not in the text).</summary>
    private async Task AddWarningsAsync(string text, RowMap rows, CancellationToken ct)
    {
        var warnings = await WarningsContextAsync(ct);
        ContentTreeReader.ParseNode(Kind, SlugOf(Input) ?? "", text, [], warnings: warnings);
        Warnings.AddContentWarnings(warnings.All, T, Kind, path => IdFor(rows.ToFormPath(path)));
    }

    /// <summary>Warnings are judged against the school holidays the site's dates use; only activities need them.</summary>
    private async Task<ContentWarnings> WarningsContextAsync(CancellationToken ct) =>
        new(Kind == NodeKind.Activity ? await S.Calendar.HolidaysAsync(ct) : null);

    /// <summary>The text a new node's slug is made from (its name or title).</summary>
    protected abstract string? TitleForSlug();

    protected abstract void SetSlug(string slug);

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (RouteData.Values.ContainsKey(EditingPaths.RouteValue(Kind)))
        {
            var id = int.Parse(RouteData.Values[EditingPaths.RouteValue(Kind)]!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
            Node = await S.Nodes.FindAsync(Kind, id, ct: ct);
            if (Node is null)
                return NotFound();
            if (!await EditingAccess.CanEditAsync(S.Scope, User, Node, ct))
                return Forbid();
            Wijk = ContentNodes.WijkOf(Node);
            Gemeente = Node switch
            {
                Gemeente g => g,
                _ => Wijk?.Gemeente,
            };
            return null;
        }

        return await LoadParentAsync(ct) ? null : NotFound();
    }

    /// <summary>A field of this form: label, hint and error from the path, value from the input.</summary>
    public FieldModel Field(string path, string name, string? value, bool required = false, string type = "text")
    {
        var id = FieldIds.Of(path);
        var hint = T[$"Hint.{Kind}.{VersionDiff.LabelPath(path)}"];
        if (hint.ResourceNotFound)
            hint = T["Hint." + VersionDiff.LabelPath(path)];
        return new FieldModel(id, "Input." + name, FieldLabels.Label(T, Kind, path), value)
        {
            Hint = hint.ResourceNotFound ? null : hint.Value,
            Error = Errors.For(id),
            Required = required,
            Type = type,
            Preview = Previews.GetValueOrDefault(id),
        };
    }

    public FieldModel Markdown(string path, string name, string? value, int rows = 8) =>
        Field(path, name, value, type: "textarea") with { Markdown = true, Rows = rows };

    public string Label(string path) => FieldLabels.Label(T, Kind, path);

    /// <summary>"3" → 3; anything else null (row commands carry the row's position).</summary>
    protected static int? RowOf(string command)
    {
        var colon = command.LastIndexOf(':');
        return colon > 0 && int.TryParse(command[(colon + 1)..], out var i) ? i : null;
    }
}
