using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Languages;

namespace Buurtplatform.Web.Editing.Translations;

/// <summary>
/// A node's translation into one language, for staff (<c>/backoffice/{kind}/{id}/vertalingen/{culture}</c>): each translatable
/// field's Dutch text, read-only, beside an input for the translation (in that language's <c>lang</c> and <c>dir</c>); save as a
/// draft, preview, publish or offer for approval, take offline, roll back, and "Vertaling klopt nog". Every button is a POST
/// followed by a redirect back here (Post-Redirect-Get); a form with problems is shown again as typed.
/// </summary>
public sealed class TranslationPageModel(
    AppDbContext db, ContentNodes nodes, TranslationPublisher publisher, StaffScope scope, PreviewLinks links, AuditLog audit,
    IOptions<SiteOptions> site, SiteLanguages languages, IStringLocalizer<SharedResource> T) : EditableNodePageModel(nodes, scope)
{
    /// <summary>One field of the form: its path, the Dutch text beside it and what is typed.</summary>
    public sealed record TranslationField(string Path, string Dutch, string? Value);

    public string Culture { get; private set; } = "";

    /// <summary>The language's writing direction (<c>rtl</c> for Arabic).</summary>
    public string Direction => languages.Find(Culture)?.Direction ?? (CultureInfo.GetCultureInfo(Culture).TextInfo.IsRightToLeft ? "rtl" : "ltr");

    public List<TranslationField> Fields { get; private set; } = [];

    public List<ContentVersion> Versions { get; private set; } = [];

    public ContentVersion? Newest => Versions.Count > 0 ? Versions[0] : null;

    /// <summary>The translation parents read now (null: they read Dutch).</summary>
    public ContentTranslation? Live { get; private set; }

    /// <summary>The live translation was made from Dutch text that has changed since ("verouderd").</summary>
    public bool IsStale { get; private set; }

    /// <summary>The newest draft was written beside Dutch text that has changed since.</summary>
    public bool DraftBehindDutch { get; private set; }

    public bool NeedsApproval { get; private set; }

    public bool CanApprove { get; private set; }

    public FormErrors Errors { get; } = new();

    public string? SharedLink { get; private set; }

    public string? SharedLinkExpires { get; private set; }

    /// <summary>The typed translation, by field path.</summary>
    [BindProperty]
    public Dictionary<string, string?> Velden { get; set; } = new(StringComparer.Ordinal);

    /// <summary>save or save-preview.</summary>
    [BindProperty]
    public string? Command { get; set; }

    [BindProperty]
    public string? VersionComment { get; set; }

    [BindProperty]
    public int Versie { get; set; }

    [BindProperty]
    public string? Opmerking { get; set; }

    public async Task<IActionResult> OnGetAsync(string culture, CancellationToken ct)
    {
        if (await LoadAsync(culture, ct) is { } problem)
            return problem;
        FillFromNewest();
        SharedLink = TempData["SharedLink"] as string;
        SharedLinkExpires = TempData["SharedLinkExpires"] as string;
        return Page();
    }

    /// <summary>Saves the form as a new draft (and, with save-preview, shows it on the public page in this language).</summary>
    public async Task<IActionResult> OnPostAsync(string culture, CancellationToken ct)
    {
        if (await LoadAsync(culture, ct) is { } problem)
            return problem;
        ModelState.Clear();
        Fields = [.. Fields.Select(f => f with { Value = Velden.GetValueOrDefault(f.Path) })];
        var fields = TranslationText.Clean(TranslatableFields.For(Kind), Velden);
        foreach (var p in TranslationText.Check(Kind, fields))
            Errors.Add(FieldIds.Of(p.Path), FieldLabels.Label(T, Kind, p.Path), T[p.Key, p.Args]);
        if (Errors.Count > 0)
            return Page();
        var result = await publisher.SaveDraftAsync(Kind, Node.Id, Culture, Velden, audit.CurrentActor(), VersionComment, ct);
        if (!result.Ok)
        {
            Errors.AddContentErrors(result.Errors ?? [], T, Kind, FieldIds.Of);
            if (Errors.Count == 0)
                Errors.Add("f-form", T["Edit.Form"], T[result.Problem ?? "Form.Failed"]);
            return Page();
        }

        TempData["Flash"] = "Flash.DraftSaved";
        return Redirect(Command == "save-preview" ? EditingPaths.TranslationPreview(Kind, Node.Id, Culture) : EditingPaths.Translation(Kind, Node.Id, Culture));
    }

    public Task<IActionResult> OnPostPublishAsync(string culture, CancellationToken ct) => ActAsync(culture, async actor =>
        NeedsApproval ? EditResult.Fail("Translation.Problem.NeedsApproval") : await publisher.PublishAsync(Kind, Node.Id, Culture, Versie, actor, ct: ct),
        "Translation.Flash.Published", ct);

    public Task<IActionResult> OnPostSubmitAsync(string culture, CancellationToken ct) =>
        ActAsync(culture, actor => publisher.SubmitForApprovalAsync(Kind, Node.Id, Culture, Versie, actor, ct), "Flash.Submitted", ct);

    public Task<IActionResult> OnPostApproveAsync(string culture, CancellationToken ct) => ActAsync(culture, async actor =>
    {
        if (!CanApprove)
            return EditResult.Fail("Editing.Problem.NotAllowed");
        if (Versions.FirstOrDefault(v => v.Number == Versie)?.Status != VersionStatus.AwaitingApproval)
            return EditResult.Fail("Editing.Problem.NotAwaiting");
        return await publisher.PublishAsync(Kind, Node.Id, Culture, Versie, actor, "approved", ct);
    }, "Translation.Flash.Approved", ct);

    public async Task<IActionResult> OnPostSendBackAsync(string culture, CancellationToken ct)
    {
        if (await LoadAsync(culture, ct) is { } problem)
            return problem;
        if (!CanApprove)
            return Forbid();
        if (string.IsNullOrWhiteSpace(Opmerking))
        {
            Errors.Add("opmerking", T["Approval.Comment"], T["Edit.Error.Required"]);
            FillFromNewest();
            return Page();
        }

        return Done(await publisher.SendBackAsync(Kind, Node.Id, Culture, Versie, Opmerking, audit.CurrentActor(), ct), "Flash.SentBack");
    }

    public Task<IActionResult> OnPostUnpublishAsync(string culture, CancellationToken ct) =>
        ActAsync(culture, actor => publisher.UnpublishAsync(Kind, Node.Id, Culture, actor, ct), "Translation.Flash.Unpublished", ct);

    public Task<IActionResult> OnPostRollbackAsync(string culture, CancellationToken ct) =>
        ActAsync(culture, actor => publisher.RollbackAsync(Kind, Node.Id, Culture, Versie, actor, ct), "Flash.RolledBack", ct);

    public Task<IActionResult> OnPostConfirmAsync(string culture, CancellationToken ct) =>
        ActAsync(culture, actor => publisher.ConfirmAsync(Kind, Node.Id, Culture, actor, ct), "Translation.Flash.Confirmed", ct);

    /// <summary>A shareable preview link of the newest draft (shown once, after the redirect).</summary>
    public Task<IActionResult> OnPostShareAsync(string culture, CancellationToken ct) => ActAsync(culture, async actor =>
    {
        var version = await db.ContentVersions.FirstOrDefaultAsync(v => v.NodeKey == Node.Key && v.Culture == Culture && v.Number == Versie, ct);
        if (version is null || !version.IsOpen)
            return EditResult.Fail("Editing.Problem.NoDraftToShare");
        var (token, expires) = links.Create(version.Id, version.PreviewLinkGeneration);
        TempData["SharedLink"] = site.Value.PublicBaseUrl.TrimEnd('/') + EditingPaths.SharedPreview(token);
        TempData["SharedLinkExpires"] = expires.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return EditResult.Done();
    }, "Flash.LinkMade", ct);

    public Task<IActionResult> OnPostRevokeAsync(string culture, CancellationToken ct) => ActAsync(culture, async actor =>
    {
        var version = await db.ContentVersions.FirstOrDefaultAsync(v => v.NodeKey == Node.Key && v.Culture == Culture && v.Number == Versie, ct);
        if (version is null)
            return EditResult.Fail("Editing.Problem.NoSuchVersion");
        version.PreviewLinkGeneration++;
        await db.SaveChangesAsync(ct);
        return EditResult.Done();
    }, "Flash.LinksRevoked", ct);

    /// <summary>The inputs hold the newest version's text (empty without one).</summary>
    private void FillFromNewest()
    {
        var typed = Newest is { } newest && TranslationText.Read(Node, Culture, newest.Text, []) is { } t ? t.Fields : [];
        Fields = [.. Fields.Select(f => f with { Value = typed.GetValueOrDefault(f.Path) })];
    }

    private async Task<IActionResult> ActAsync(string culture, Func<AuditActor, Task<EditResult>> action, string flash, CancellationToken ct)
    {
        if (await LoadAsync(culture, ct) is { } problem) // not found, or not theirs to edit
            return problem;
        return Done(await action(audit.CurrentActor()), flash);
    }

    private RedirectResult Done(EditResult result, string flash)
    {
        TempData["Flash"] = result.Ok ? flash : result.Problem ?? "Form.Failed";
        return Redirect(EditingPaths.Translation(Kind, Node.Id, Culture));
    }

    private async Task<IActionResult?> LoadAsync(string culture, CancellationToken ct)
    {
        if (!ContentTranslation.Cultures.Contains(culture))
            return NotFound();
        if (await LoadNodeAsync(ct) is { } refused)
            return refused;
        Culture = culture;
        var translatable = TranslatableFields.For(Kind);
        Fields = [.. translatable.Dutch(Node).Select(d => new TranslationField(d.Path, d.Text, null))];
        Versions = await publisher.ListForReadingAsync(Node, culture, ct);
        Live = await db.ContentTranslations.AsNoTracking().FirstOrDefaultAsync(t => t.NodeKey == Node.Key && t.Culture == culture, ct);
        var hash = translatable.SourceHash(Node);
        IsStale = Live is not null && Live.SourceHash != hash;
        DraftBehindDutch = Newest is { IsOpen: true } draft && TranslationText.Read(Node, culture, draft.Text, []) is { } d && d.SourceHash != hash;
        NeedsApproval = await publisher.NeedsApprovalAsync(User, Node, culture, ct);
        CanApprove = await EditingAccess.CanApproveAsync(Scope, User, Node, ct);
        return null;
    }
}
