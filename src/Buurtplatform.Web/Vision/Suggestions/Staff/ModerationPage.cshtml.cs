using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Web.Vision.Suggestions.Staff;

/// <summary>
/// A wijk's queue of parents' ideas on its vision (its editors and administrators; the route's <c>wijkId</c> is
/// scope-checked before the page runs): publish, answer (in public or only by mail), merge duplicates, decline
/// with a reason, mark "verwerkt in de visie" with the vision version that took it in; and the editor's own
/// choice of a daily digest. Every action is one transaction with its audit entry and the parent's mail; the
/// vision page's cached copies are evicted after the commit.
/// </summary>
/// <remarks>
/// A posted idea id must belong to this wijk's vision (else 404), so a scoped route cannot reach another wijk's ideas.
/// Staff never see the parent's e-mail address (only whether there is one) nor a first name the parent chose not to show.
/// </remarks>
public sealed class ModerationPageModel(AppDbContext db, AuditLog audit, SuggestionMails mails, TimeProvider clock, IOutputCacheStore cache) : PageModel
{
    public sealed record VersionChoice(int Number, DateTime PublishedUtc);

    public Wijk Wijk { get; private set; } = null!;

    public Vision? Vision { get; private set; }

    public List<VisionSuggestion> Suggestions { get; private set; } = [];

    /// <summary>How many ideas were merged into each one.</summary>
    public Dictionary<int, int> MergedCounts { get; private set; } = [];

    /// <summary>The vision's versions that were live at some time, newest first: what "verwerkt in de visie" can point to.</summary>
    public List<VersionChoice> Versions { get; private set; } = [];

    public bool DigestOn { get; private set; }

    public IEnumerable<VisionSuggestion> InState(SuggestionState state) => Suggestions.Where(s => s.State == state);

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().Include(w => w.Gemeente).FirstOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return NotFound();
        Wijk = wijk;
        Vision = await db.Visions.AsNoTracking().FirstOrDefaultAsync(v => v.WijkId == wijkId, ct);
        if (Vision is not null)
        {
            var visionId = Vision.Id;
            Suggestions = await db.VisionSuggestions.AsNoTracking().Where(s => s.VisionId == visionId)
                .OrderBy(s => s.CreatedUtc).ThenBy(s => s.Id).ToListAsync(ct);
            MergedCounts = Suggestions.Where(s => s.MergedIntoId is not null).GroupBy(s => s.MergedIntoId!.Value).ToDictionary(g => g.Key, g => g.Count());
            var key = Vision.Key;
            Versions = (await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == key && v.PublishedUtc != null)
                .OrderByDescending(v => v.Number).Select(v => new { v.Number, v.PublishedUtc }).ToListAsync(ct))
                .Select(v => new VersionChoice(v.Number, v.PublishedUtc!.Value)).ToList();
        }

        var userId = StaffScope.UserId(User);
        DigestOn = await db.StaffSuggestionDigests.AnyAsync(d => d.UserId == userId, ct);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(int wijkId, int suggestionId, CancellationToken ct) =>
        ActAsync(wijkId, suggestionId, [SuggestionState.New], s =>
        {
            s.State = SuggestionState.Published;
            s.PublishedUtc = Now;
            return (AuditAction.SuggestionPublished, "published", SuggestionNews.Published, null, "Suggestions.Flash.Published");
        }, ct);

    public Task<IActionResult> OnPostAnswerAsync(int wijkId, int suggestionId, string? answer, string? audience, CancellationToken ct) =>
        ActAsync(wijkId, suggestionId, [SuggestionState.New, SuggestionState.Published], s =>
        {
            var text = answer?.Trim() ?? "";
            if (text.Length == 0 || text.Length > SuggestionOptions.MaxTextLength)
                return Refuse("Suggestions.Error.Answer");
            if (audience is not ("openbaar" or "mail"))
                return Refuse("Suggestions.Error.Audience");
            if (audience == "mail" && s.Email is null)
                return Refuse("Suggestions.Error.NoEmail");
            s.Answer = text;
            s.AnswerIsPublic = audience == "openbaar";
            s.AnsweredUtc = Now;
            return (AuditAction.SuggestionAnswered, s.AnswerIsPublic ? "answered in public" : "answered by mail only", SuggestionNews.Answered, text, "Suggestions.Flash.Answered");
        }, ct);

    public Task<IActionResult> OnPostDeclineAsync(int wijkId, int suggestionId, string? reason, CancellationToken ct) =>
        ActAsync(wijkId, suggestionId, [SuggestionState.New, SuggestionState.Published], s =>
        {
            var text = reason?.Trim() ?? "";
            if (text.Length == 0 || text.Length > SuggestionOptions.MaxTextLength)
                return Refuse("Suggestions.Error.Reason");
            s.State = SuggestionState.Declined;
            s.DeclineReason = text;
            s.PublishedUtc = null;
            return (AuditAction.SuggestionDeclined, "declined with a reason", SuggestionNews.Declined, text, "Suggestions.Flash.Declined");
        }, ct);

    public async Task<IActionResult> OnPostMergeAsync(int wijkId, int suggestionId, int? mergeInto, CancellationToken ct)
    {
        // The target must be a live idea of the same vision: found through this wijk too.
        var target = mergeInto is { } targetId && targetId != suggestionId
            ? await db.VisionSuggestions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == targetId && s.Vision.WijkId == wijkId
                && (s.State == SuggestionState.New || s.State == SuggestionState.Published), ct)
            : null;
        if (target is null)
            return Flash("Suggestions.Error.MergeTarget", wijkId);
        var earlier = await db.VisionSuggestions.Where(x => x.MergedIntoId == suggestionId).ToListAsync(ct);
        return await ActAsync(wijkId, suggestionId, [SuggestionState.New, SuggestionState.Published], s =>
        {
            if (s.VisionId != target.VisionId)
                return Refuse("Suggestions.Error.MergeTarget");
            s.State = SuggestionState.Merged;
            s.MergedIntoId = target.Id;
            s.PublishedUtc = null;

            // Ideas merged into this one before now join the target as well: no chains.
            foreach (var e in earlier)
                e.MergedIntoId = target.Id;
            return (AuditAction.SuggestionMerged, $"merged into {AuditTarget.Suggestion(target.Id)}", SuggestionNews.Merged, null, "Suggestions.Flash.Merged");
        }, ct);
    }

    public async Task<IActionResult> OnPostProcessedAsync(int wijkId, int suggestionId, int? version, string? change, CancellationToken ct)
    {
        var visionKey = await db.Visions.Where(v => v.WijkId == wijkId).Select(v => (Guid?)v.Key).FirstOrDefaultAsync(ct);
        var chosen = version is { } number && visionKey is { } key
            ? await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.NodeKey == key && v.Number == number && v.PublishedUtc != null, ct)
            : null;
        if (chosen is null)
            return Flash("Suggestions.Error.Version", wijkId);
        return await ActAsync(wijkId, suggestionId, [SuggestionState.New, SuggestionState.Published], s =>
        {
            var text = change?.Trim() ?? "";
            if (text.Length == 0 || text.Length > SuggestionOptions.MaxTextLength)
                return Refuse("Suggestions.Error.Change");
            s.ProcessedVersion = chosen.Number;
            s.ProcessedOn = DateOnly.FromDateTime(chosen.PublishedUtc!.Value.ToLocalDate());
            s.ChangeNote = text;
            return (AuditAction.SuggestionProcessed, $"taken into vision version {chosen.Number}", SuggestionNews.Processed, text, "Suggestions.Flash.Processed");
        }, ct);
    }

    /// <summary>The signed-in editor's own choice: a daily mail with the number of new ideas in their wijken.</summary>
    public async Task<IActionResult> OnPostDigestAsync(int wijkId, bool on, CancellationToken ct)
    {
        var userId = StaffScope.UserId(User)!;
        var row = await db.StaffSuggestionDigests.FirstOrDefaultAsync(d => d.UserId == userId, ct);
        if (on && row is null)
            db.StaffSuggestionDigests.Add(new StaffSuggestionDigest { UserId = userId, LastDigestUtc = Now }); // the first digest reports what comes after this choice
        else if (!on && row is not null)
            db.StaffSuggestionDigests.Remove(row);
        await db.SaveChangesAsync(ct);
        return Flash("Flash.SettingsSaved", wijkId);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static (string Action, string Detail, SuggestionNews News, string? MailDetail, string Flash) Refuse(string flash) => ("", "", default, null, flash);

    /// <summary>
    /// Loads the idea through this wijk (404 when it is not this wijk's), checks its state, lets <paramref name="change"/>
    /// change it, and saves the change with its audit entry and the parent's mail in one transaction.
    /// </summary>
    private async Task<IActionResult> ActAsync(int wijkId, int suggestionId, SuggestionState[] allowed,
        Func<VisionSuggestion, (string Action, string Detail, SuggestionNews News, string? MailDetail, string Flash)> change, CancellationToken ct)
    {
        var s = await db.VisionSuggestions.Include(x => x.Vision).ThenInclude(v => v.Wijk)
            .FirstOrDefaultAsync(x => x.Id == suggestionId && x.Vision.WijkId == wijkId, ct);
        if (s is null)
            return NotFound();
        if (!allowed.Contains(s.State))
            return Flash("Suggestions.Error.State", wijkId);
        var (action, detail, news, mailDetail, flash) = change(s);
        if (action.Length == 0)
            return Flash(flash, wijkId);

        s.HandledUtc = Now;
        s.HandledByName = User.Identity?.Name;
        audit.Record(action, AuditTarget.Suggestion(s.Id), detail);
        mails.QueueNews(s, s.Vision, news, mailDetail);
        if (news == SuggestionNews.Answered && s.AnswerIsPublic)
        {
            // Parents whose same idea was merged into this one hear the public answer too.
            foreach (var merged in await db.VisionSuggestions.Where(x => x.MergedIntoId == s.Id && x.Email != null).ToListAsync(ct))
                mails.QueueNews(merged, s.Vision, news, mailDetail);
        }

        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(CacheTags.Node(s.Vision.Key), ct);
        return Flash(flash, wijkId);
    }

    private RedirectResult Flash(string key, int wijkId)
    {
        TempData["Flash"] = key;
        return Redirect(SuggestionPaths.Queue(wijkId));
    }
}
