using Buurtplatform.Web.Activities;
using Buurtplatform.Web.SignUps;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing.Translations;
using NodaTime;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// One node's page in the backoffice, for every node type (one route per type, each with its scoped id):
/// whether it is online, its versions with who and when, and the buttons that publish, take offline, plan,
/// roll back, share a preview, offer for approval, approve or send back. Every button is a POST with an
/// antiforgery token, followed by a redirect back here (Post-Redirect-Get).
/// </summary>
public sealed class NodePageModel(
    AppDbContext db, ContentNodes nodes, ContentVersions versions, ContentPublisher publisher, StaffScope scope,
    PreviewLinks links, AuditLog audit, ActivityCalendar calendar, DateChangeNotices notices, IOptions<SiteOptions> site,
    IStringLocalizer<SharedResource> T) : EditableNodePageModel(nodes, scope)
{
    public List<ContentVersion> Versions { get; private set; } = [];

    /// <summary>Parents signed up for dates the newest draft cancels or moves: they get a mail when it is published.</summary>
    public int ParentsToldOnPublish { get; private set; }

    /// <summary>Parents signed up for coming dates of a live activity: they get a mail when it goes offline.</summary>
    public int ParentsToldOnUnpublish { get; private set; }

    public ContentVersion Newest => Versions[0];

    public ContentSchedule? Plan { get; private set; }

    public string? PublicUrl { get; private set; }

    /// <summary>The professional's newest draft waits for a wijk editor (so "Publiceren" is "Ter goedkeuring aanbieden").</summary>
    public bool NeedsApproval { get; private set; }

    public bool CanApprove { get; private set; }

    public bool CanDelete { get; private set; }

    /// <summary>The shareable link just made (shown once, after the redirect).</summary>
    public string? SharedLink { get; private set; }

    public string? SharedLinkExpires { get; private set; }

    /// <summary>An activity's coming dates in its newest version, each with a link to cancel or move it.</summary>
    public List<ActivityOccurrence> ComingDates { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    /// <summary>The node's translation per language: none, draft, waiting, published, stale.</summary>
    public List<TranslationState> Languages { get; private set; } = [];

    /// <summary>What the reader warns about in the newest version (an activity's time in the night the clocks change, …), linked to the editor's fields.</summary>
    public FormErrors Warnings { get; } = new();

    [BindProperty]
    public int Versie { get; set; }

    [BindProperty]
    public string? Opmerking { get; set; }

    [BindProperty]
    public string? PublishDate { get; set; }

    [BindProperty]
    public string? PublishTime { get; set; }

    [BindProperty]
    public string? UnpublishDate { get; set; }

    [BindProperty]
    public string? UnpublishTime { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } problem)
            return problem;
        SharedLink = TempData["SharedLink"] as string;
        SharedLinkExpires = TempData["SharedLinkExpires"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(CancellationToken ct) => ActAsync(async actor =>
    {
        if (NeedsApproval)
            return EditResult.Fail("Editing.Problem.NeedsApproval");
        return await publisher.PublishAsync(Kind, Node.Id, Versie, actor, ct: ct);
    }, "Flash.Published", ct);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => ActAsync(async actor =>
    {
        return await publisher.SubmitForApprovalAsync(Kind, Node.Id, Versie, actor, ct);
    }, "Flash.Submitted", ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => ActAsync(async actor =>
    {
        if (!CanApprove)
            return EditResult.Fail("Editing.Problem.NotAllowed");
        var version = Versions.FirstOrDefault(v => v.Number == Versie);
        if (version?.Status != VersionStatus.AwaitingApproval)
            return EditResult.Fail("Editing.Problem.NotAwaiting");
        return await publisher.PublishAsync(Kind, Node.Id, Versie, actor, "approved", ct);
    }, "Flash.Approved", ct);

    public async Task<IActionResult> OnPostSendBackAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } problem)
            return problem;
        if (!CanApprove)
            return Forbid();
        if (string.IsNullOrWhiteSpace(Opmerking))
        {
            Errors.Add("opmerking", T["Approval.Comment"], T["Edit.Error.Required"]);
            return Page();
        }

        return Done(await publisher.SendBackAsync(Kind, Node.Id, Versie, Opmerking, audit.CurrentActor(), ct), "Flash.SentBack");
    }

    public Task<IActionResult> OnPostUnpublishAsync(CancellationToken ct) =>
        ActAsync(actor => publisher.UnpublishAsync(Kind, Node.Id, actor, ct: ct), "Flash.Unpublished", ct);

    public Task<IActionResult> OnPostRollbackAsync(CancellationToken ct) =>
        ActAsync(actor => publisher.RollbackAsync(Kind, Node.Id, Versie, actor, ct), "Flash.RolledBack", ct);

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } problem) // not found, or not theirs to edit
            return problem;
        if (NeedsApproval && !string.IsNullOrWhiteSpace(PublishDate))
            Errors.Add("plan-publish-date", T["Plan.PublishAt"], T["Editing.Problem.NeedsApproval"]);
        var publishAt = ParseMoment(PublishDate, PublishTime, "plan-publish", T["Plan.PublishAt"]);
        var unpublishAt = ParseMoment(UnpublishDate, UnpublishTime, "plan-unpublish", T["Plan.UnpublishAt"]);
        if (publishAt is { } p && unpublishAt is { } u && u <= p)
            Errors.Add("plan-unpublish-date", T["Plan.UnpublishAt"], T["Plan.Error.UnpublishBeforePublish"]);
        if (publishAt is null && unpublishAt is null && Errors.Count == 0)
            Errors.Add("plan-publish-date", T["Plan.PublishAt"], T["Plan.Error.Nothing"]);
        if (Errors.Count > 0)
            return Page();
        return Done(await publisher.ScheduleAsync(Kind, Node.Id, publishAt, unpublishAt, audit.CurrentActor(), ct), "Flash.Planned");
    }

    public Task<IActionResult> OnPostClearScheduleAsync(CancellationToken ct) =>
        ActAsync(actor => publisher.ScheduleAsync(Kind, Node.Id, null, null, actor, ct), "Flash.PlanCleared", ct);

    /// <summary>Makes a shareable preview link for the newest draft; shown once after the redirect.</summary>
    public Task<IActionResult> OnPostShareAsync(CancellationToken ct) => ActAsync(async actor =>
    {
        var version = await db.ContentVersions.FirstOrDefaultAsync(v => v.NodeKey == Node.Key && v.Culture == ContentVersion.Dutch && v.Number == Versie, ct);
        if (version is null || !version.IsOpen)
            return EditResult.Fail("Editing.Problem.NoDraftToShare");
        var (token, expires) = links.Create(version.Id, version.PreviewLinkGeneration);
        TempData["SharedLink"] = site.Value.PublicBaseUrl.TrimEnd('/') + EditingPaths.SharedPreview(token);
        TempData["SharedLinkExpires"] = expires.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return EditResult.Done();
    }, "Flash.LinkMade", ct);

    /// <summary>Every shareable link of this version made so far stops working.</summary>
    public Task<IActionResult> OnPostRevokeAsync(CancellationToken ct) => ActAsync(async actor =>
    {
        var version = await db.ContentVersions.FirstOrDefaultAsync(v => v.NodeKey == Node.Key && v.Culture == ContentVersion.Dutch && v.Number == Versie, ct);
        if (version is null)
            return EditResult.Fail("Editing.Problem.NoSuchVersion");
        version.PreviewLinkGeneration++;
        await db.SaveChangesAsync(ct);
        return EditResult.Done();
    }, "Flash.LinksRevoked", ct);

    private async Task<IActionResult> ActAsync(Func<AuditActor, Task<EditResult>> action, string flash, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } problem) // not found, or not theirs to edit
            return problem;
        return Done(await action(audit.CurrentActor()), flash);
    }

    private RedirectResult Done(EditResult result, string flash)
    {
        TempData["Flash"] = result.Ok ? flash : result.Problem ?? "Form.Failed";
        return Redirect(EditingPaths.Node(Kind, Node.Id));
    }

    /// <summary>A local date and time in Amsterdam, in the future; null when both are empty.</summary>
    private DateTime? ParseMoment(string? date, string? time, string id, string label)
    {
        if (string.IsNullOrWhiteSpace(date) && string.IsNullOrWhiteSpace(time))
            return null;
        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Errors.Add(id + "-date", label, T["Edit.Error.Date"]);
            return null;
        }

        if (!TimeOnly.TryParseExact(string.IsNullOrWhiteSpace(time) ? "00:00" : time.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            Errors.Add(id + "-time", label, T["Edit.Error.Time"]);
            return null;
        }

        var utc = Buurtplatform.Calendar.SiteZone.Zone.AtLeniently(LocalDate.FromDateOnly(d).At(LocalTime.FromTimeOnly(t))).ToDateTimeUtc();
        if (utc <= calendar.Now.ToDateTimeUtc())
        {
            Errors.Add(id + "-date", label, T["Plan.Error.Past"]);
            return null;
        }

        return utc;
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await LoadNodeAsync(ct) is { } refused)
        {
            return refused;
        }

        var node = Node;
        Versions = await versions.ListForReadingAsync(node, ct);
        Plan = await db.ContentSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.NodeKey == node.Key, ct);
        PublicUrl = node.State == PublishState.Published ? ContentNodes.PublicPath(node) ?? (ContentNodes.WijkOf(node) is { } w ? Links.Wijk(w) : null) : null;
        NeedsApproval = await publisher.NeedsApprovalAsync(User, node, ct);
        CanApprove = await EditingAccess.CanApproveAsync(Scope, User, node, ct);
        CanDelete = EditingAccess.CanDelete(User);
        Languages = await TranslationStates.ForNodeAsync(db, node, ct);
        if (node is Activity { State: PublishState.Published } online)
            ParentsToldOnUnpublish = (await notices.AffectedAsync(online.Id, [new DateChange(DateChangeKind.Offline, null, null, null, "")], ct)).Count;
        if (node is Activity)
        {
            var warnings = new ContentWarnings(await calendar.HolidaysAsync(ct));
            if (ContentTreeReader.ParseNode(Kind, Newest.Slug, Newest.Text, [], warnings: warnings) is Activity draft)
            {
                ComingDates = calendar.Next(draft, 10);
                Warnings.AddContentWarnings(warnings.All, T, Kind, FieldIds.Of);
                if (node is Activity { State: PublishState.Published } live && Newest.IsOpen)
                    ParentsToldOnPublish = await notices.CountAsync(live, draft, ct);
            }
        }

        return null;
    }
}
